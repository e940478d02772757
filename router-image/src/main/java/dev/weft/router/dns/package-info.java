/**
 * weaveDNS: the replicated name table, its persistence, the DNS server (UDP and TCP, dnsjava codec)
 * that answers names in the weave domain and forwards the rest, and the HTTP routes and status that
 * expose it. {@link dev.weft.router.dns.WeaveDns} is the one entry point the daemon wires.
 *
 * <p>Pure logic ({@link dev.weft.router.dns.DnsTable}, {@link dev.weft.router.dns.DnsQueryHandler})
 * does no socket I/O; sockets live in {@link dev.weft.router.dns.DnsServer} and
 * {@link dev.weft.router.dns.UpstreamForwarder}.
 */
package dev.weft.router.dns;
