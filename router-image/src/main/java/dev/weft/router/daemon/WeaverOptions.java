package dev.weft.router.daemon;

import java.util.ArrayList;
import java.util.List;

/**
 * Every flag the original {@code weaver} accepts (SPEC 2.2), with the defaults {@code launch} uses
 * ({@link #declareIn}). Booleans take an optional value so {@code --plugin=false} works as with Go's flag
 * package.
 */
public final class WeaverOptions {

    static final String DEFAULT_RANGE = "10.32.0.0/12";

    // mesh
    String host;
    int port;
    String name;
    String nickname;
    String password;
    String trustedSubnets;
    boolean noDiscovery;
    boolean resume;
    int connLimit;
    String restartSentinel;
    int minProtocolVersion;
    String token;
    String peerDiscoveryUrl;
    String advertiseAddress;
    boolean pktDebug;
    int bufferSizeMb;

    // IPAM
    String ipallocRange;
    String ipallocDefaultSubnet;
    String ipallocInit;

    // weaveDNS
    boolean noDns;
    String dnsDomain;
    String dnsListenAddress;
    int dnsTtl;
    String dnsFallbackTimeout;
    String resolvConf;

    // plugin and proxy (later issues)
    boolean plugin;
    boolean pluginV2;
    boolean pluginV2Multicast;
    String pluginSocket;
    String pluginMeshSocket;
    boolean proxy;
    boolean noProxy;
    List<String> proxyHosts = new ArrayList<>();
    boolean noDefaultIpalloc;
    boolean noRewriteHosts;
    boolean rewriteInspect;
    String hostnameFromLabel;
    String hostnameMatch;
    String hostnameReplacement;
    boolean withoutDns;
    boolean noMulticastRoute;
    boolean tls;
    boolean tlsVerify;
    String tlsCaCert;
    String tlsCert;
    String tlsKey;

    // AWS VPC and Kubernetes
    boolean awsvpc;
    boolean noMasqLocal;
    boolean expectNpc;

    // host plumbing
    int mtu;
    boolean noFastdp;
    boolean noBridgedFastdp;
    String datapath;
    String weaveBridge;
    String dockerBridge;

    // HTTP
    String httpAddr;
    String statusAddr;
    String metricsAddr;

    // files and processes
    String dbPrefix;
    String hostRoot;
    String procPath;
    String dockerApi;

    String logLevel;
    String profile;

    boolean version;
    boolean printPeerName;

    List<String> peers = new ArrayList<>();

    /** Declares every option and the peers in {@code model}, bound to these fields, with launch's defaults. */
    void declareIn(OptionModel model) {
        model
                .text("--host", "", "Router host address to listen on (all if empty)", v -> host = v)
                .number("--port", "6783", "Router port (default ${DEFAULT-VALUE})", v -> port = v)
                .text("--name", null, "Peer name (a MAC address); derived from the host when absent", v -> name = v)
                .text("--nickname", null, "Peer nickname (default: host name)", v -> nickname = v)
                .text("--password", null, "Network password (or WEAVE_PASSWORD)", v -> password = v)
                .text("--trusted-subnets", "", "Comma-separated CIDRs where data need not be encrypted",
                        v -> trustedSubnets = v)
                .flag("--no-discovery", "Do not connect to peers of peers", v -> noDiscovery = v)
                .flag("--resume", "Connect to the persisted peer list", v -> resume = v)
                .number("--conn-limit", "200", "Connection limit (0 = unlimited)", v -> connLimit = v)
                .hiddenText("--restart-sentinel", "restart.sentinel",
                        "File in the container's own file system that marks a restart by Docker (empty: none)",
                        v -> restartSentinel = v)
                .number("--min-protocol-version", "1", "Minimum weave protocol version (1-2)",
                        v -> minProtocolVersion = v)
                .text("--token", null, "Weave Cloud token for peer discovery", v -> token = v)
                .text("--peer-discovery-url", "https://cloud.weave.works/api/net", "Peer discovery service URL",
                        v -> peerDiscoveryUrl = v)
                .text("--advertise-address", null, "Address to advertise for peer discovery", v -> advertiseAddress = v)
                .flag("--pkt-debug", "Log packet-level details", v -> pktDebug = v)
                .number("--bufsz", "8", "Capture buffer size in MB", v -> bufferSizeMb = v)
                .text("--ipalloc-range --iprange", DEFAULT_RANGE,
                        "IP address range for automatic allocation, in CIDR notation; empty disables IPAM",
                        v -> ipallocRange = v)
                .text("--ipalloc-default-subnet", "", "Subnet to allocate in by default", v -> ipallocDefaultSubnet = v)
                .text("--ipalloc-init", "", "consensus[=N] | seed=<mac>,... | observer", v -> ipallocInit = v)
                .flag("--no-dns", "Disable weaveDNS", v -> noDns = v)
                .text("--dns-domain", "weave.local.", "Local domain (default ${DEFAULT-VALUE})", v -> dnsDomain = v)
                .text("--dns-listen-address", "0.0.0.0:53", "Address weaveDNS listens on", v -> dnsListenAddress = v)
                .number("--dns-ttl", "1", "TTL of weaveDNS answers", v -> dnsTtl = v)
                .text("--dns-fallback-timeout", "5s", "Upstream query timeout (Go duration)",
                        v -> dnsFallbackTimeout = v)
                .text("--resolv-conf", "", "resolv.conf with the upstream servers", v -> resolvConf = v)
                .flag("--plugin", "Run the Docker network plugin", v -> plugin = v)
                .flag("--plugin-v2", "Run as a Docker v2 plugin", v -> pluginV2 = v)
                .flag("--plugin-v2-multicast", "Enable multicast for the v2 plugin", v -> pluginV2Multicast = v)
                .text("--plugin-socket", "/run/docker/plugins/weave.sock", null, v -> pluginSocket = v)
                .text("--plugin-mesh-socket", "/run/docker/plugins/weavemesh.sock", null, v -> pluginMeshSocket = v)
                .flag("--proxy", "Run the Docker API proxy", v -> proxy = v)
                .flag("--no-proxy", "Do not run the Docker API proxy (wins over --proxy)", v -> noProxy = v)
                .repeatable("-H", "Proxy listen address (repeatable)", v -> proxyHosts = v)
                .flag("--no-default-ipalloc", null, v -> noDefaultIpalloc = v)
                .flag("--no-rewrite-hosts", null, v -> noRewriteHosts = v)
                .flag("--rewrite-inspect", null, v -> rewriteInspect = v)
                .text("--hostname-from-label", "", null, v -> hostnameFromLabel = v)
                .text("--hostname-match", "(.*)", null, v -> hostnameMatch = v)
                .text("--hostname-replacement", "$1", null, v -> hostnameReplacement = v)
                .flag("--without-dns", null, v -> withoutDns = v)
                .flag("--no-multicast-route", null, v -> noMulticastRoute = v)
                .flag("--tls", null, v -> tls = v)
                .flag("--tlsverify", null, v -> tlsVerify = v)
                .text("--tlscacert", null, null, v -> tlsCaCert = v)
                .text("--tlscert", null, null, v -> tlsCert = v)
                .text("--tlskey", null, null, v -> tlsKey = v)
                .flag("--awsvpc", "Use AWS VPC routing instead of the overlay", v -> awsvpc = v)
                .flag("--no-masq-local", null, v -> noMasqLocal = v)
                .flag("--expect-npc", null, v -> expectNpc = v)
                .number("--mtu", "0", "MTU of the weave bridge (0 = 1376)", v -> mtu = v)
                .flag("--no-fastdp", null, v -> noFastdp = v)
                .flag("--no-bridged-fastdp", null, v -> noBridgedFastdp = v)
                .text("--datapath", "", null, v -> datapath = v)
                .text("--weave-bridge", "weave", null, v -> weaveBridge = v)
                .text("--docker-bridge", "${env:DOCKER_BRIDGE:-docker0}", null, v -> dockerBridge = v)
                .text("--http-addr", "${env:WEAVE_HTTP_ADDR:-127.0.0.1:6784}", "Control API address (blank disables)",
                        v -> httpAddr = v)
                .text("--status-addr", "127.0.0.1:6782", "Status API address (blank disables)", v -> statusAddr = v)
                .text("--metrics-addr", "", "Metrics-only address (blank disables)", v -> metricsAddr = v)
                .text("--db-prefix", "/weavedb/weave", "Path prefix of the data file", v -> dbPrefix = v)
                .text("--host-root", "/host", "Where the host's file system is mounted", v -> hostRoot = v)
                .text("--proc-path", "/proc", null, v -> procPath = v)
                .text("--docker-api", "${env:DOCKER_HOST:-unix:///var/run/docker.sock}",
                        "Docker API endpoint (empty = none)", v -> dockerApi = v)
                .text("--log-level", "info", "debug, info, warning or error", v -> logLevel = v)
                .text("--profile", null, "Write CPU profiles to this path (the original's Go profiler)",
                        v -> profile = v)
                .switchOn("--version", "Print the version and exit", v -> version = v)
                .switchOn("--print-peer-name", "Print the peer name and exit", v -> printPeerName = v)
                .usageHelp("-h --help", "Show this help")
                .parameters("PEER", "Peers to connect to: host[:port]", v -> peers = v);
    }

    /** The password from the flag, else from the environment's WEAVE_PASSWORD. */
    String effectivePassword(String environmentPassword) {
        if (password != null && !password.isEmpty()) {
            return password;
        }
        return environmentPassword == null || environmentPassword.isEmpty() ? null : environmentPassword;
    }
}
