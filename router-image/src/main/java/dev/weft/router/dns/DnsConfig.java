package dev.weft.router.dns;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * weaveDNS settings: the router's {@code --dns-domain}, {@code --dns-listen-address}, {@code --dns-ttl},
 * {@code --resolv-conf} (null: no upstream servers), {@code --dns-fallback-timeout}, and our peer name.
 * {@code upstreamPort} is the port used for the servers listed in resolv.conf (53; tests use others).
 */
public record DnsConfig(DnsDomain domain, InetSocketAddress listenAddress, int ttl, Path resolvConf,
                        Duration fallbackTimeout, String peerName, int upstreamPort) {

    public static final String DEFAULT_DOMAIN = "weave.local.";
    public static final int DEFAULT_TTL = 1;
    public static final Duration DEFAULT_FALLBACK_TIMEOUT = Duration.ofSeconds(5);

    public DnsConfig {
        if (ttl < 0) {
            throw new IllegalArgumentException("invalid DNS TTL: " + ttl);
        }
        if (fallbackTimeout.isNegative() || fallbackTimeout.isZero()) {
            throw new IllegalArgumentException("invalid DNS fallback timeout: " + fallbackTimeout);
        }
        if (upstreamPort < 1 || upstreamPort > 65535) {
            throw new IllegalArgumentException("invalid upstream DNS port: " + upstreamPort);
        }
    }

    public DnsConfig(String domain, InetSocketAddress listenAddress, int ttl, Path resolvConf,
                     Duration fallbackTimeout, String peerName) {
        this(new DnsDomain(domain), listenAddress, ttl, resolvConf, fallbackTimeout, peerName, 53);
    }

    /** Parses {@code host:port} as given to {@code --dns-listen-address}; the host must be an IP literal. */
    public static InetSocketAddress parseListenAddress(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("invalid DNS listen address (want ip:port): " + text);
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid DNS listen address (bad port): " + text);
        }
        if (port < 0 || port > 65535 || !IpLiterals.isLiteral(host)) {
            throw new IllegalArgumentException("invalid DNS listen address: " + text);
        }
        return new InetSocketAddress(IpLiterals.parse(host), port);
    }
}
