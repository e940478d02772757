package dev.weft.router.dns;

import dev.weft.router.http.ListenAddress;
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

    /**
     * Parses the {@code ip:port} value of {@code flag} ({@code --dns-listen-address}) as {@link ListenAddress}
     * does, but the host must be an IP address: the DNS server never resolves a name to find where to listen.
     */
    public static InetSocketAddress parseListenAddress(String flag, String value) {
        ListenAddress address = ListenAddress.parseRequired(flag, value);
        if (!IpLiterals.isLiteral(address.host())) {
            throw new IllegalArgumentException(flag + " " + value + ": the host must be an IP address");
        }
        return new InetSocketAddress(IpLiterals.parse(address.host()), address.port());
    }
}
