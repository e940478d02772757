/**
 * What the router says about itself: the {@code /status} text (labels right-aligned to column 16,
 * services in the order router, ipam, dns, proxy, plugin), {@code /status/<sub>}, the {@code /report}
 * tree (JSON or a Go template over it), {@code /metrics} read from that same tree, and the router's
 * {@code /connect} and {@code /forget}, which go to the mesh through {@link dev.weft.router.status.RouterMesh}.
 */
package dev.weft.router.status;
