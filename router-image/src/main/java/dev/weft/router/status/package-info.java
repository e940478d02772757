/**
 * What the router says about itself: the {@code /status} text (labels right-aligned to column 16,
 * services in the order router, ipam, dns, proxy, plugin), {@code /status/<sub>}, the {@code /report}
 * tree (JSON or a Go template over it), {@code /metrics} read from that same tree, and the router's
 * own targets ({@code /connect}, {@code /forget}) kept in {@link dev.weft.router.status.RouterState}
 * until the mesh dials them.
 */
package dev.weft.router.status;
