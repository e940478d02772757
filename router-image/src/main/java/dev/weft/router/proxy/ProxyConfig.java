package dev.weft.router.proxy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The proxy's flags after validation (SPEC §2.2, §9): where it listens ({@code -H}, default the
 * unix socket), TLS, and how it treats containers.
 *
 * @param proxySocket where every unix listener is really bound ({@code /var/run/weave/weave.sock})
 */
public record ProxyConfig(List<Endpoint> listen, ProxyTls tls, boolean withoutDns, boolean noDefaultIpalloc,
                          boolean rewriteHosts, boolean rewriteInspect, HostnameRule hostnames,
                          boolean noMulticastRoute, Path proxySocket, Duration attachTimeout) {

    public static final Duration DEFAULT_ATTACH_TIMEOUT = Duration.ofSeconds(60);

    /** @throws IllegalArgumentException with a one-line message naming the flag */
    public static ProxyConfig fromFlags(List<String> hosts, ProxyTls tls, boolean withoutDns, boolean noDefaultIpalloc,
                                        boolean noRewriteHosts, boolean rewriteInspect, String hostnameFromLabel,
                                        String hostnameMatch, String hostnameReplacement, boolean noMulticastRoute) {
        List<Endpoint> listen = new ArrayList<>();
        for (String host : hosts.isEmpty() ? List.of("unix://" + Endpoint.PROXY_SOCKET) : hosts) {
            try {
                Endpoint e = Endpoint.parse(host);
                if (!listen.contains(e)) {
                    listen.add(e);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("-H " + e.getMessage(), e);
            }
        }
        HostnameRule rule = new HostnameRule(hostnameFromLabel, hostnameMatch, hostnameReplacement);
        return new ProxyConfig(List.copyOf(listen), tls, withoutDns, noDefaultIpalloc, !noRewriteHosts, rewriteInspect,
                rule, noMulticastRoute, Path.of(Endpoint.PROXY_SOCKET), DEFAULT_ATTACH_TIMEOUT);
    }

    public ProxyConfig withProxySocket(Path socket) {
        return new ProxyConfig(listen, tls, withoutDns, noDefaultIpalloc, rewriteHosts, rewriteInspect, hostnames,
                noMulticastRoute, socket, attachTimeout);
    }
}
