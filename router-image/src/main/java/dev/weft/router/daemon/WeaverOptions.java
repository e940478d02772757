package dev.weft.router.daemon;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Every flag the original {@code weaver} accepts (SPEC 2.2), with the defaults {@code launch} uses.
 * Booleans take an optional value so {@code --plugin=false} works as with Go's flag package.
 */
public final class WeaverOptions {

    static final String DEFAULT_RANGE = "10.32.0.0/12";

    // mesh
    @Option(names = "--host", description = "Router host address to listen on (all if empty)", defaultValue = "")
    String host;
    @Option(names = "--port", description = "Router port (default ${DEFAULT-VALUE})", defaultValue = "6783")
    int port;
    @Option(names = "--name", description = "Peer name (a MAC address); derived from the host when absent")
    String name;
    @Option(names = "--nickname", description = "Peer nickname (default: host name)")
    String nickname;
    @Option(names = "--password", description = "Network password (or WEAVE_PASSWORD)")
    String password;
    @Option(names = "--trusted-subnets", description = "Comma-separated CIDRs where data need not be encrypted",
            defaultValue = "")
    String trustedSubnets;
    @Option(names = "--no-discovery", arity = "0..1", description = "Do not connect to peers of peers")
    boolean noDiscovery;
    @Option(names = "--resume", arity = "0..1", description = "Connect to the persisted peer list")
    boolean resume;
    @Option(names = "--conn-limit", defaultValue = "200", description = "Connection limit (0 = unlimited)")
    int connLimit;
    @Option(names = "--restart-sentinel", hidden = true, defaultValue = "restart.sentinel",
            description = "File in the container's own file system that marks a restart by Docker (empty: none)")
    String restartSentinel;
    @Option(names = "--min-protocol-version", defaultValue = "1", description = "Minimum weave protocol version (1-2)")
    int minProtocolVersion;
    @Option(names = "--token", description = "Weave Cloud token for peer discovery")
    String token;
    @Option(names = "--peer-discovery-url", defaultValue = "https://cloud.weave.works/api/net",
            description = "Peer discovery service URL")
    String peerDiscoveryUrl;
    @Option(names = "--advertise-address", description = "Address to advertise for peer discovery")
    String advertiseAddress;
    @Option(names = "--pkt-debug", arity = "0..1", description = "Log packet-level details")
    boolean pktDebug;
    @Option(names = "--bufsz", defaultValue = "8", description = "Capture buffer size in MB")
    int bufferSizeMb;

    // IPAM
    @Option(names = {"--ipalloc-range", "--iprange"}, defaultValue = DEFAULT_RANGE,
            description = "IP address range for automatic allocation, in CIDR notation; empty disables IPAM")
    String ipallocRange;
    @Option(names = "--ipalloc-default-subnet", defaultValue = "", description = "Subnet to allocate in by default")
    String ipallocDefaultSubnet;
    @Option(names = "--ipalloc-init", defaultValue = "", description = "consensus[=N] | seed=<mac>,... | observer")
    String ipallocInit;

    // weaveDNS
    @Option(names = "--no-dns", arity = "0..1", description = "Disable weaveDNS")
    boolean noDns;
    @Option(names = "--dns-domain", defaultValue = "weave.local.", description = "Local domain (default ${DEFAULT-VALUE})")
    String dnsDomain;
    @Option(names = "--dns-listen-address", defaultValue = "0.0.0.0:53", description = "Address weaveDNS listens on")
    String dnsListenAddress;
    @Option(names = "--dns-ttl", defaultValue = "1", description = "TTL of weaveDNS answers")
    int dnsTtl;
    @Option(names = "--dns-fallback-timeout", defaultValue = "5s", description = "Upstream query timeout (Go duration)")
    String dnsFallbackTimeout;
    @Option(names = "--resolv-conf", defaultValue = "", description = "resolv.conf with the upstream servers")
    String resolvConf;

    // plugin and proxy (later issues)
    @Option(names = "--plugin", arity = "0..1", description = "Run the Docker network plugin")
    boolean plugin;
    @Option(names = "--plugin-v2", arity = "0..1", description = "Run as a Docker v2 plugin")
    boolean pluginV2;
    @Option(names = "--plugin-v2-multicast", arity = "0..1", description = "Enable multicast for the v2 plugin")
    boolean pluginV2Multicast;
    @Option(names = "--plugin-socket", defaultValue = "/run/docker/plugins/weave.sock")
    String pluginSocket;
    @Option(names = "--plugin-mesh-socket", defaultValue = "/run/docker/plugins/weavemesh.sock")
    String pluginMeshSocket;
    @Option(names = "--proxy", arity = "0..1", description = "Run the Docker API proxy")
    boolean proxy;
    @Option(names = "--no-proxy", arity = "0..1", description = "Do not run the Docker API proxy (wins over --proxy)")
    boolean noProxy;
    @Option(names = "-H", description = "Proxy listen address (repeatable)")
    List<String> proxyHosts = new ArrayList<>();
    @Option(names = "--no-default-ipalloc", arity = "0..1")
    boolean noDefaultIpalloc;
    @Option(names = "--no-rewrite-hosts", arity = "0..1")
    boolean noRewriteHosts;
    @Option(names = "--rewrite-inspect", arity = "0..1")
    boolean rewriteInspect;
    @Option(names = "--hostname-from-label", defaultValue = "")
    String hostnameFromLabel;
    @Option(names = "--hostname-match", defaultValue = "(.*)")
    String hostnameMatch;
    @Option(names = "--hostname-replacement", defaultValue = "$1")
    String hostnameReplacement;
    @Option(names = "--without-dns", arity = "0..1")
    boolean withoutDns;
    @Option(names = "--no-multicast-route", arity = "0..1")
    boolean noMulticastRoute;
    @Option(names = "--tls", arity = "0..1")
    boolean tls;
    @Option(names = "--tlsverify", arity = "0..1")
    boolean tlsVerify;
    @Option(names = "--tlscacert")
    String tlsCaCert;
    @Option(names = "--tlscert")
    String tlsCert;
    @Option(names = "--tlskey")
    String tlsKey;

    // AWS VPC and Kubernetes
    @Option(names = "--awsvpc", arity = "0..1", description = "Use AWS VPC routing instead of the overlay")
    boolean awsvpc;
    @Option(names = "--no-masq-local", arity = "0..1")
    boolean noMasqLocal;
    @Option(names = "--expect-npc", arity = "0..1")
    boolean expectNpc;

    // host plumbing
    @Option(names = "--mtu", defaultValue = "0", description = "MTU of the weave bridge (0 = 1376)")
    int mtu;
    @Option(names = "--no-fastdp", arity = "0..1")
    boolean noFastdp;
    @Option(names = "--no-bridged-fastdp", arity = "0..1")
    boolean noBridgedFastdp;
    @Option(names = "--datapath", defaultValue = "")
    String datapath;
    @Option(names = "--weave-bridge", defaultValue = "weave")
    String weaveBridge;
    @Option(names = "--docker-bridge", defaultValue = "${env:DOCKER_BRIDGE:-docker0}")
    String dockerBridge;

    // HTTP
    @Option(names = "--http-addr", defaultValue = "${env:WEAVE_HTTP_ADDR:-127.0.0.1:6784}",
            description = "Control API address (blank disables)")
    String httpAddr;
    @Option(names = "--status-addr", defaultValue = "127.0.0.1:6782", description = "Status API address (blank disables)")
    String statusAddr;
    @Option(names = "--metrics-addr", defaultValue = "", description = "Metrics-only address (blank disables)")
    String metricsAddr;

    // files and processes
    @Option(names = "--db-prefix", defaultValue = "/weavedb/weave", description = "Path prefix of the data file")
    String dbPrefix;
    @Option(names = "--host-root", defaultValue = "/host", description = "Where the host's file system is mounted")
    String hostRoot;
    @Option(names = "--proc-path", defaultValue = "/proc")
    String procPath;
    @Option(names = "--docker-api", defaultValue = "${env:DOCKER_HOST:-unix:///var/run/docker.sock}",
            description = "Docker API endpoint (empty = none)")
    String dockerApi;

    @Option(names = "--log-level", defaultValue = "info", description = "debug, info, warning or error")
    String logLevel;
    @Option(names = "--profile", description = "Write CPU profiles to this path (the original's Go profiler)")
    String profile;

    @Option(names = "--version", description = "Print the version and exit")
    boolean version;
    @Option(names = "--print-peer-name", description = "Print the peer name and exit")
    boolean printPeerName;
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help")
    boolean help;

    @Parameters(paramLabel = "PEER", description = "Peers to connect to: host[:port]")
    List<String> peers = new ArrayList<>();

    /** The password from the flag, else from the environment's WEAVE_PASSWORD. */
    String effectivePassword(String environmentPassword) {
        if (password != null && !password.isEmpty()) {
            return password;
        }
        return environmentPassword == null || environmentPassword.isEmpty() ? null : environmentPassword;
    }
}
