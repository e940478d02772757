/**
 * {@code weaver}, the router daemon: flag parsing and checking ({@link dev.weft.router.daemon.Weaver},
 * {@link dev.weft.router.daemon.WeaverOptions}, {@link dev.weft.router.daemon.DaemonConfig}) and the wiring
 * of the components ({@link dev.weft.router.daemon.Daemon}, {@link dev.weft.router.daemon.Components}).
 *
 * <p>Start order: HTTP servers (so {@code /status} answers 503 while starting), the data store, Docker
 * access, IPAM, weaveDNS, the host side; then the bridge and iptables rules, the DNS sockets, the Docker
 * event watcher, and IPAM's reconciliation with the addresses found on the bridge and in running
 * containers; then ready. SIGTERM runs the shutdown hook, which closes all of it in reverse order and
 * closes (commits) the store last.
 */
package dev.weft.router.daemon;
