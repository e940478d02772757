package dev.weft.router.dns;

import dev.weft.router.api.ApiModule;
import dev.weft.router.api.BackgroundFailures;
import dev.weft.router.api.ContainerEvents;
import dev.weft.router.api.ContainerLiveness;
import dev.weft.router.api.StatusSection;
import dev.weft.router.concurrent.DaemonThreads;
import dev.weft.router.identity.PeerName;
import dev.weft.router.mesh.GossipChannels;
import dev.weft.router.mesh.LocalOnlyMesh;
import dev.weft.router.mesh.Membership;
import dev.weft.router.store.Store;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * weaveDNS as the daemon wires it: the persisted name table, the DNS server, the HTTP routes
 * ({@link #api()}), the status section ({@link #status()}) and container lifecycle (this object is
 * the {@link ContainerEvents} listener: a container's death tombstones its records).
 */
public final class WeaveDns implements ContainerEvents, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WeaveDns.class);
    private static final int UDP_RECEIVERS = 2;
    private static final long PURGE_PERIOD_SECONDS = 60;

    private final DnsConfig config;
    private final DnsTable table;
    private final Upstreams upstreams;
    private final DnsServer server;
    private final DnsApi api;
    private final DnsStatus status;
    private final BackgroundFailures failures;
    private final ContainerLiveness liveness;
    private final DnsGossip gossip;
    private final ExecutorService topologyChanges = Executors.newSingleThreadExecutor(DaemonThreads.named("dns-topology"));
    private ScheduledExecutorService purger;

    private WeaveDns(DnsConfig config, DnsRecordStore store, ContainerLiveness liveness, Clock clock,
                     GossipChannels channels, Membership membership, BackgroundFailures failures) {
        this.config = config;
        this.failures = failures;
        this.liveness = liveness;
        this.table = new DnsTable(config.peerName(), config.domain(), store, clock);
        this.gossip = DnsGossip.join(table, clock, channels, membership, topologyChanges);
        this.upstreams = new Upstreams(config.resolvConf(), config.listenAddress(), config.upstreamPort(), clock);
        DnsQueryHandler handler = new DnsQueryHandler(config.domain(), config.ttl(), table::index);
        this.server = new DnsServer(config.listenAddress(), handler,
                new UpstreamForwarder(upstreams, config.fallbackTimeout()), UDP_RECEIVERS, failures);
        this.api = new DnsApi(table, this::address, liveness);
        this.status = new DnsStatus(table, upstreams, this::address, config.ttl());
    }

    /**
     * weaveDNS keeping its records in the peer's store (map {@value StoreDnsRecords#MAP_NAME}) and sharing
     * them with the peers of the mesh on channel {@value DnsGossip#CHANNEL}.
     */
    public static WeaveDns create(DnsConfig config, Store store, ContainerLiveness liveness, Clock clock,
                                  GossipChannels channels, Membership membership, BackgroundFailures failures) {
        return new WeaveDns(config, new StoreDnsRecords(store), liveness, clock, channels, membership, failures);
    }

    /** weaveDNS of a peer alone (no mesh). */
    public static WeaveDns create(DnsConfig config, Store store, ContainerLiveness liveness, Clock clock) {
        return create(config, new StoreDnsRecords(store), liveness, clock);
    }

    /** weaveDNS of a peer alone (no mesh), its records in {@code store}. */
    public static WeaveDns create(DnsConfig config, DnsRecordStore store, ContainerLiveness liveness, Clock clock) {
        return create(config, store, liveness, clock, new BackgroundFailures());
    }

    /** As above, recording failures of background work (purge, container deaths, sockets) in {@code failures}. */
    public static WeaveDns create(DnsConfig config, DnsRecordStore store, ContainerLiveness liveness, Clock clock,
                                  BackgroundFailures failures) {
        LocalOnlyMesh alone = new LocalOnlyMesh(PeerName.isValid(config.peerName()) ? PeerName.parse(config.peerName())
                : new PeerName(0));
        return new WeaveDns(config, store, liveness, clock, alone, alone, failures);
    }

    public static WeaveDns create(DnsConfig config, DnsRecordStore store, ContainerLiveness liveness, Clock clock,
                                  GossipChannels channels, Membership membership) {
        return new WeaveDns(config, store, liveness, clock, channels, membership, new BackgroundFailures());
    }

    /** Binds the DNS sockets (failing with a message naming the address) and starts tombstone purging. */
    public synchronized void start() throws IOException {
        table.purgeTombstones();
        server.start();
        purger = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("dns-purge"));
        purger.scheduleWithFixedDelay(this::purgeInBackground, PURGE_PERIOD_SECONDS, PURGE_PERIOD_SECONDS,
                TimeUnit.SECONDS);
    }

    /** One purge as the timer runs it: a failure is logged and counted, and the next purge comes as planned. */
    void purgeInBackground() {
        failures.guard(BackgroundFailures.DNS_PURGE, LOG, "purging DNS tombstones", () -> {
            table.purgeTombstones();
            gossip.keepRecordsOfReachablePeers();
        }).run();
    }

    public ApiModule api() {
        return api;
    }

    public StatusSection status() {
        return status;
    }

    /** The replicated table, for other name sources (proxy, expose). */
    public DnsTable table() {
        return table;
    }

    /** Live records this peer originated: the {@code weave_dns_entries} metric. */
    public int localLiveEntries() {
        return table.liveOurs();
    }

    /** Where the server listens: the real port once started when port 0 was configured. */
    public InetSocketAddress address() {
        return server.isStarted() ? server.address() : config.listenAddress();
    }

    public DnsConfig config() {
        return config;
    }

    /**
     * Tombstones the container's records on the purge thread, so the event watcher never waits on the
     * disk or the engine. The engine is asked first: a container that runs again (restarted, and maybe
     * attached again, before this event was processed) keeps its records.
     */
    @Override
    public synchronized void died(String containerId) {
        Runnable tombstone = failures.guard(BackgroundFailures.CONTAINER_DEATH, LOG,
                "removing the DNS records of dead container " + containerId, () -> tombstoneIfDead(containerId));
        if (purger == null || purger.isShutdown()) {
            tombstone.run();
        } else {
            purger.execute(tombstone);
        }
    }

    private void tombstoneIfDead(String containerId) {
        if (liveness.isRunning(containerId)) {
            LOG.info("container {} died but runs again: its DNS records stay", containerId);
            return;
        }
        table.containerDied(containerId);
    }

    /** Waits until lifecycle work handed to the background thread so far is done (for tests). */
    public void awaitIdle() throws InterruptedException {
        ScheduledExecutorService background;
        synchronized (this) {
            background = purger;
        }
        if (background == null || background.isShutdown()) {
            return;
        }
        try {
            background.submit(() -> { }).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public synchronized void close() {
        topologyChanges.shutdownNow();
        if (purger != null) {
            purger.shutdownNow();
        }
        server.close();
    }
}
