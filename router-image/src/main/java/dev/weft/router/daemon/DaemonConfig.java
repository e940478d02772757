package dev.weft.router.daemon;

import dev.weft.router.dataplane.DataPlaneConfig;
import dev.weft.router.identity.PeerName;
import dev.weft.router.dns.DnsConfig;
import dev.weft.router.http.ListenAddress;
import dev.weft.router.identity.PeerIdentity;
import dev.weft.router.ipam.IpamConfig;
import dev.weft.router.proxy.ProxyConfig;
import dev.weft.router.proxy.ProxyTls;
import dev.weft.router.store.Store;
import dev.weft.weaveutil.addr.Cidr;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The router's settings after validation: every flag value checked and turned into its type, so a
 * mistake is reported as one line before anything starts. Null members mean "disabled".
 */
record DaemonConfig(PeerIdentity identity, int port, boolean peerDiscovery, int minProtocolVersion,
                    List<String> trustedSubnets, List<String> peers, ListenAddress httpAddress,
                    ListenAddress statusAddress, ListenAddress metricsAddress, IpamConfig ipam, DnsConfig dns,
                    Path dataFile, Path hostRoot, Path procPath, String dockerApi, String weaveBridge,
                    String dockerBridge, int mtu, boolean noFastdp, MeshOptions mesh, ProxyConfig proxy,
                    List<String> startupNotices) {

    /**
     * The mesh's own flags.
     *
     * @param host            listen (and dial-from) address; empty for all
     * @param connLimit       most connections at once; 0 = unlimited
     * @param resume          start with the persisted targets ({@code --resume})
     * @param restartSentinel the file that marks a restart of the same container by Docker
     * @param password        a password was given (encryption is not supported yet: the mesh stays off)
     */
    record MeshOptions(String host, int connLimit, boolean resume, Path restartSentinel, boolean password) {}

    /**
     * @param environmentPassword {@code WEAVE_PASSWORD} as the router's environment has it
     * @throws IllegalArgumentException with the one-line message for the user
     */
    static DaemonConfig from(WeaverOptions o, PeerIdentity identity, String environmentPassword) {
        if (o.minProtocolVersion < 1 || o.minProtocolVersion > 2) {
            throw new IllegalArgumentException("--min-protocol-version " + o.minProtocolVersion
                    + ": supported protocol versions are 1 to 2");
        }
        if (o.port < 1 || o.port > 65535) {
            throw new IllegalArgumentException("--port " + o.port + ": not a TCP port");
        }
        if (o.connLimit < 0) {
            throw new IllegalArgumentException("--conn-limit " + o.connLimit + ": must be 0 (unlimited) or more");
        }
        if (o.resume && !o.peers.isEmpty()) {
            throw new IllegalArgumentException("--resume: you must not specify an initial peer list in conjunction"
                    + " with --resume (the persisted one is used)");
        }
        if (o.mtu != 0 && (o.mtu < DataPlaneConfig.MIN_MTU || o.mtu > DataPlaneConfig.MAX_MTU)) {
            throw new IllegalArgumentException("--mtu " + o.mtu + ": must be between " + DataPlaneConfig.MIN_MTU
                    + " and " + DataPlaneConfig.MAX_MTU);
        }
        List<String> trusted = new ArrayList<>();
        for (String cidr : o.trustedSubnets.split(",")) {
            if (!cidr.isBlank()) {
                trusted.add(prefixed("--trusted-subnets", () -> Cidr.parseSubnet(cidr.strip())).toString());
            }
        }
        ListenAddress http = ListenAddress.parse("--http-addr", o.httpAddr);
        ListenAddress status = ListenAddress.parse("--status-addr", o.statusAddr);
        ListenAddress metrics = ListenAddress.parse("--metrics-addr", o.metricsAddr);
        return new DaemonConfig(identity, o.port, !o.noDiscovery, o.minProtocolVersion, trusted, List.copyOf(o.peers),
                http, status, metrics, ipam(o, identity), dns(o, identity), Store.dataFile(o.dbPrefix), Path.of(o.hostRoot),
                Path.of(o.procPath), o.dockerApi == null || o.dockerApi.isBlank() ? null : o.dockerApi,
                o.weaveBridge, o.dockerBridge, o.mtu, o.noFastdp, new MeshOptions(o.host.strip(), o.connLimit, o.resume,
                        o.restartSentinel.isBlank() ? null : Path.of(o.restartSentinel),
                        o.effectivePassword(environmentPassword) != null),
                proxy(o), List.copyOf(UnsupportedFlags.notices(o, environmentPassword)));
    }

    /** The Docker API proxy's settings, or null when it is not to run. */
    private static ProxyConfig proxy(WeaverOptions o) {
        if (!o.proxy || o.noProxy) {
            return null;
        }
        if (o.dockerApi == null || o.dockerApi.isBlank()) {
            throw new IllegalArgumentException("--proxy needs a Docker API (--docker-api is empty)");
        }
        ProxyTls tls = ProxyTls.fromFlags(o.tls, o.tlsVerify, o.tlsCaCert, o.tlsCert, o.tlsKey,
                ProxyTls.defaultCertDir(System.getenv("DOCKER_CERT_PATH")));
        return ProxyConfig.fromFlags(o.proxyHosts, tls, o.withoutDns || o.noDns, o.noDefaultIpalloc, o.noRewriteHosts,
                o.rewriteInspect, o.hostnameFromLabel, o.hostnameMatch, o.hostnameReplacement, o.noMulticastRoute);
    }

    private static IpamConfig ipam(WeaverOptions o, PeerIdentity identity) {
        if (o.ipallocRange == null || o.ipallocRange.isBlank()) {
            if (!o.ipallocDefaultSubnet.isEmpty()) {
                throw new IllegalArgumentException("--ipalloc-default-subnet needs an --ipalloc-range");
            }
            if (!o.ipallocInit.isEmpty()) {
                throw new IllegalArgumentException("--ipalloc-init needs an --ipalloc-range");
            }
            return null;
        }
        PeerName name = identity.name();
        return prefixed("--ipalloc-range", () -> IpamConfig.fromFlags(o.ipallocRange.strip(),
                o.ipallocDefaultSubnet.strip(), o.ipallocInit.strip(), name, identity.nickname(), o.peers.size()));
    }

    private static DnsConfig dns(WeaverOptions o, PeerIdentity identity) {
        if (o.noDns) {
            return null;
        }
        Duration timeout = GoDuration.parse("--dns-fallback-timeout", o.dnsFallbackTimeout);
        InetSocketAddress listen = DnsConfig.parseListenAddress("--dns-listen-address", o.dnsListenAddress);
        return prefixed("weaveDNS", () -> new DnsConfig(o.dnsDomain, listen, o.dnsTtl,
                o.resolvConf.isBlank() ? null : Path.of(o.resolvConf), timeout, identity.name().toString()));
    }

    private interface Check<T> {
        T get();
    }

    /** Runs a check, naming the flag in its message unless the message already explains itself. */
    private static <T> T prefixed(String flag, Check<T> check) {
        try {
            return check.get();
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            throw new IllegalArgumentException(message.startsWith("--") ? message : flag + ": " + message, e);
        }
    }
}
