package dev.weft.router.daemon;

import dev.weft.router.api.ApiModule;
import dev.weft.router.api.BackgroundFailures;
import dev.weft.router.api.ContainerEvents;
import dev.weft.router.api.ContainerLiveness;
import dev.weft.router.api.StatusSection;
import dev.weft.router.attach.AddressBook;
import dev.weft.router.attach.HostSide;
import dev.weft.router.attach.HostSideConfig;
import dev.weft.router.attach.NameBook;
import dev.weft.router.bridge.WeaveBridge;
import dev.weft.router.concurrent.DaemonThreads;
import dev.weft.router.concurrent.StartupWaits;
import dev.weft.router.dataplane.DataPlaneConfig;
import dev.weft.router.dataplane.DataPlaneException;
import dev.weft.router.dataplane.DataPlanes;
import dev.weft.router.dns.WeaveDns;
import dev.weft.router.docker.Containers;
import dev.weft.router.docker.DockerEventWatcher;
import dev.weft.router.docker.InspectLiveness;
import dev.weft.router.ipam.Ipam;
import dev.weft.router.ipam.IpamApi;
import dev.weft.router.mesh.GossipChannels;
import dev.weft.router.mesh.Membership;
import dev.weft.router.mesh.Mesh;
import dev.weft.router.mesh.Overlay;
import dev.weft.router.proxy.DnsSettings;
import dev.weft.router.proxy.ProxyAttacher;
import dev.weft.router.proxy.ProxyService;
import dev.weft.router.store.Store;
import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.plumbing.Plumbing;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's services made from the configuration: Docker access and its event watcher, IPAM,
 * weaveDNS and the host side (bridge, iptables, attach). Exposes their HTTP modules and status
 * sections; {@link #start()} brings them up in order and reconciles IPAM with what runs.
 */
final class Components implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Components.class);
    /** Each iptables run is bounded by its own time-out; this only guards against a thread that never ends. */
    private static final Duration RULES_PATIENCE = Duration.ofMinutes(5);

    private final List<ApiModule> modules = new ArrayList<>();
    private final List<StatusSection> sections = new ArrayList<>();
    private final List<ContainerEvents> eventSubscribers = new ArrayList<>();
    private final CloseStack toClose = new CloseStack(LOG);
    private NetworkStart network;
    private HostSide hostSide;
    private final List<Step> serviceSteps = new ArrayList<>();
    private DockerEventWatcher watcher;
    private DockerAccess docker;
    private Ipam ipam;
    private NameBook names;
    private StartupReconciliation reconciliation;
    private volatile ProxyService proxy;
    private CompletableFuture<Void> rulesApplied = CompletableFuture.completedFuture(null);

    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    /** Builds the real components; tests override the Docker and host tool seams with fakes. */
    static class Factory {

        /** Docker access, or null when the router runs without a Docker API. */
        DockerAccess docker(DaemonConfig config) {
            return config.dockerApi() == null ? null : DockerAccess.connectOnDemand(config.dockerApi());
        }

        HostTools hostTools(DaemonConfig config) {
            return HostTools.onHost();
        }

        ProxyService proxy(DaemonConfig config, ProxyAttacher.Attach attach, Plumbing plumbing, DnsSettings dns) {
            return ProxyService.create(config.proxy(), config.dockerApi(), attach, plumbing, dns,
                    "weavevolumes-" + Version.current());
        }

        /** The peer mesh over TCP on {@code --host:--port}; not yet listening. */
        MeshRuntime mesh(DaemonConfig config) {
            return MeshRuntime.overTcp(config);
        }

        /**
         * The data plane on the host's kernel (the sleeve on UDP {@code --port}, the VXLAN fast path on the
         * next port unless {@code --no-fastdp}), started; the weave bridge must exist.
         */
        Overlay dataPlane(DaemonConfig config, HostTools tools, Mesh mesh) throws DataPlaneException {
            int mtu = config.mtu() > 0 ? config.mtu() : WeaveBridge.DEFAULT_MTU;
            DataPlaneConfig planeConfig = new DataPlaneConfig(config.identity().name(), config.weaveBridge(), mtu,
                    config.port(), !config.noFastdp());
            return DataPlanes.start(planeConfig, tools.hostNs(), mesh.membership(), mesh.routes());
        }

        Components create(DaemonConfig config, Store store, Mesh mesh, BackgroundFailures failures)
                throws Exception {
            Components c = new Components();
            try {
                c.build(this, config, store, mesh, failures);
                return c;
            } catch (Exception | Error e) {
                c.close();
                throw e;
            }
        }
    }

    /**
     * Builds the services. {@code mesh} gives IPAM and weaveDNS their gossip channels and membership
     * ({@link Mesh#gossipChannels()}, {@link Mesh#membership()}); the data plane registers its overlay
     * on it ({@link Mesh#setOverlay}) and reads its routes ({@link Mesh#routes()}).
     */
    private void build(Factory factory, DaemonConfig config, Store store, Mesh mesh, BackgroundFailures failures)
            throws Exception {
        Clock clock = Clock.systemUTC();
        HostTools tools = factory.hostTools(config);
        toClose.push(tools);
        tools.reportReaperFailures(failures);
        HostSideConfig hostConfig = hostConfig(config, tools);
        WeaveBridge bridge = HostSide.bridge(hostConfig, tools.plumbing(), tools.hostNs());
        network = NetworkStart.begin(bridge, () -> factory.dataPlane(config, tools, mesh), mesh);
        toClose.push(network);
        docker = factory.docker(config);
        Containers containers = new NoDocker();
        ContainerLiveness liveness = ContainerLiveness.ALWAYS;
        if (docker != null) {
            toClose.push(docker);
            containers = docker.containers();
            liveness = new InspectLiveness(containers);
            watcher = new DockerEventWatcher(docker.events(), failures);
            toClose.push(watcher);
            LOG.info("Docker API at {}", config.dockerApi());
        } else {
            LOG.info("no Docker API (--docker-api is empty): containers are assumed alive, no events");
        }
        GossipChannels channels = mesh.gossipChannels();
        Membership membership = mesh.membership();
        AddressBook addresses = null;
        if (config.ipam() != null) {
            ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
                    DaemonThreads.named("ipam-timers"));
            toClose.push(timers::shutdownNow);
            ipam = Ipam.create(config.ipam(), store, liveness, clock, timers, channels, membership, failures);
            toClose.push(ipam);
            modules.add(new IpamApi(ipam));
            sections.add(ipam.status());
            eventSubscribers.add(ipam);
            addresses = new IpamAddressBook(ipam);
            LOG.info("IPAM range {}, default subnet {}", config.ipam().range(), config.ipam().defaultSubnet());
        }
        if (config.dns() != null) {
            WeaveDns dns = WeaveDns.create(config.dns(), store, liveness, clock, channels, membership, failures);
            toClose.push(dns);
            modules.add(dns.api());
            sections.add(dns.status());
            eventSubscribers.add(dns);
            names = new DnsNameBook(dns.table());
            serviceSteps.add(() -> {
                dns.start();
                LOG.info("weaveDNS for {} listening on {}", config.dns().domain(), dns.address());
            });
        }
        HostSide host = HostSide.create(hostConfig, bridge, tools.plumbing(),
                tools.iptables(), containers, addresses, names, tools.announcer(), failures);
        toClose.push(host);
        modules.addAll(host.apiModules());
        reconciliation = new StartupReconciliation(
                new LiveAddresses(containers, tools.plumbing(), config.weaveBridge()), ipam, names);
        hostSide = host;
        if (config.proxy() != null && docker != null) {
            DnsSettings dns = proxyDns(config, hostConfig);
            // made with the services, after the mesh has started: building its Docker client loads
            // ~1,000 classes (~0.3 s of a cold start) that the mesh does not need
            serviceSteps.add(() -> {
                proxy = factory.proxy(config, host.attachService()::attach, tools.plumbing(), dns);
                toClose.push(proxy);
                eventSubscribers.add(proxy.events());
                proxy.start();
            });
        }
    }

    /** weaveDNS as containers created through the proxy reach it; null without DNS or an address to give them. */
    private static DnsSettings proxyDns(DaemonConfig config, HostSideConfig host) {
        if (config.dns() == null) {
            return null;
        }
        InetAddress listen = config.dns().listenAddress().getAddress();
        String ip = listen.isAnyLocalAddress() ? host.dockerBridgeIp() : listen.getHostAddress();
        if (ip == null) {
            LOG.warn("weaveDNS listens on all addresses and the Docker bridge has none: containers created through "
                    + "the proxy keep Docker's DNS settings");
            return null;
        }
        return new DnsSettings(ip, config.dns().domain().name());
    }

    /** Where the Docker API proxy listens (empty when it does not run). */
    List<String> proxyAddresses() {
        return proxy == null ? List.of() : proxy.addresses();
    }

    private static HostSideConfig hostConfig(DaemonConfig config, HostTools tools) {
        String dockerBridgeIp = null;
        if (config.dockerBridge() != null && !config.dockerBridge().isEmpty()) {
            try {
                List<Cidr> addrs = tools.plumbing().bridgeAddresses(config.dockerBridge());
                dockerBridgeIp = addrs.isEmpty() ? null : addrs.get(0).address().toString();
            } catch (RuntimeException e) {
                LOG.info("Docker bridge {} has no IPv4 address here ({})", config.dockerBridge(), e.getMessage());
            }
        }
        int controlPort = config.httpAddress() != null && config.httpAddress().isLoopbackTcp()
                ? config.httpAddress().port() : 0;
        int mtu = config.mtu() > 0 ? config.mtu() : WeaveBridge.DEFAULT_MTU;
        return new HostSideConfig(config.weaveBridge(), mtu, config.identity().name().toString(),
                config.dockerBridge() == null ? "" : config.dockerBridge(), dockerBridgeIp, config.port(), controlPort,
                config.procPath(), config.hostRoot());
    }

    List<ApiModule> apiModules() {
        return modules;
    }

    List<StatusSection> statusSections() {
        return sections;
    }

    /**
     * Starts connecting to Docker (the mesh has dialled by now), waits for the bridge and the data plane,
     * which came up beside the rest of the start ({@link NetworkStart}); then the iptables rules are
     * applied meanwhile ({@link #awaitRules()}).
     */
    void startNetwork() throws Exception {
        if (docker != null) {
            docker.prepare();
        }
        network.await();
        rulesApplied = hostSide.applyRulesInBackground();
    }

    /** Starts weaveDNS's server and the Docker API proxy: nothing the mesh needs, so they start after it. */
    void startServices() throws Exception {
        for (Step step : serviceSteps) {
            step.run();
        }
    }

    /** Waits for the iptables rules that {@link #startNetwork()} left applying beside the rest of the start. */
    void awaitRules() throws Exception {
        StartupWaits.await(rulesApplied, RULES_PATIENCE, "the iptables rules were not in place after "
                + RULES_PATIENCE.toMinutes() + " minutes");
        LOG.info("iptables rules in place");
    }

    /** Starts following Docker events; then lets IPAM claim the addresses in use and drop owners that no longer run. */
    void reconcile() throws Exception {
        if (watcher != null) {
            eventSubscribers.forEach(watcher::subscribe);
            watcher.start();
        }
        if (watcher == null) {
            LOG.info("without Docker, IPAM keeps its persisted owners: nothing to check them against");
            return;
        }
        reconciliation.run();
        if (proxy != null) {
            proxy.reattachRunning();
        }
    }

    @Override
    public void close() {
        toClose.close();
    }
}
