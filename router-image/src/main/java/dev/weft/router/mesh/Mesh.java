package dev.weft.router.mesh;

import dev.weft.router.identity.PeerName;
import dev.weft.router.mesh.topology.PeerEntry;
import dev.weft.router.mesh.topology.RouteTable;
import dev.weft.router.mesh.topology.Topology;
import dev.weft.router.mesh.wire.GossipMessage;
import dev.weft.router.mesh.wire.GossipMessageCodec;
import dev.weft.router.mesh.wire.ProtocolTag;
import dev.weft.router.mesh.wire.WireFormatException;
import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.addr.Ipv4;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peer mesh of one router (weaveworks/mesh's Router): this peer, its connections, the topology
 * learnt by gossip, the routes over it, the connection maker and the gossip channels. The state is
 * owned by one actor; connections run on their wires' actors and each component's gossip channel on
 * its own. Other packages see it through {@link GossipChannels}, {@link Membership}, {@link MeshRoutes}
 * and the {@link Overlay} hook.
 */
public final class Mesh implements GossipChannels, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Mesh.class);
    /** How long a peer stays in the topology after no connection reaches it. */
    static final Duration GC_GRACE = Duration.ofSeconds(1);
    /**
     * The topology's summary goes to a few neighbours this often, and again this long after the
     * topology changed: a broadcast that missed peers (views differ while the mesh changes) is
     * repaired in seconds, not at the next 30 s gossip. A summary is 13 bytes; peers that differ
     * then send each other only the entries one lacks.
     */
    static final Duration TOPOLOGY_CHECK = Duration.ofSeconds(1);
    static final Duration TOPOLOGY_SUMMARY_INTERVAL = Duration.ofSeconds(5);

    private final MeshConfig config;
    private final Actors actors;
    private final Transport transport;
    private final Random random;
    private final Actor actor;
    private final LocalPeer localPeer;
    private final Topology topology;
    private volatile RouteTable routes;
    private final Map<String, GossipChannel> channels = new ConcurrentHashMap<>();
    private final Set<String> realChannels = ConcurrentHashMap.newKeySet();
    private final TopologyGossiper topologyGossiper;
    private final ConnectionMaker connectionMaker;
    private final List<Cidr> trusted = new ArrayList<>();
    private volatile Overlay overlay;
    /** Completes when the overlay is settled (registered or known to be none): connections handshake after it. */
    private volatile CompletableFuture<Void> overlaySettled = CompletableFuture.completedFuture(null);
    private final CompletableFuture<Void> firstContact = new CompletableFuture<>();
    private final AtomicLong terminations = new AtomicLong();
    private final List<Consumer<Set<PeerName>>> reachableListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> routeListeners = new CopyOnWriteArrayList<>();
    private volatile Consumer<List<String>> targetsListener = t -> { };
    private final Set<PeerName> pendingTopologyGossip = new LinkedHashSet<>();
    private boolean topologyGossipQueued;
    private boolean routesQueued;
    private long lastRoutesNanos;
    private long lastTopologyGossipNanos;
    private Set<PeerName> lastReachable = Set.of();
    private final Map<PeerName, Long> unreachableSince = new HashMap<>();
    private Actor.Cancellable gossipTimer = Actor.Cancellable.NONE;
    private Actor.Cancellable summaryTimer = Actor.Cancellable.NONE;
    private boolean topologyCheckQueued;
    private volatile boolean closed;
    private volatile String disabledReason;

    public Mesh(MeshConfig config, Actors actors, Transport transport, Random random) {
        this.config = config;
        this.actors = actors;
        this.transport = transport;
        this.random = random;
        this.actor = actors.create("mesh");
        long uid;
        do {
            uid = random.nextLong();
        } while (uid == 0);
        this.localPeer = new LocalPeer(config.name(), config.nickname(), uid, random.nextInt(PeerEntry.SHORT_ID_LIMIT));
        this.topology = new Topology(localPeer.entry());
        this.routes = RouteTable.alone(topology.local());
        this.lastRoutesNanos = actors.nanoTime() - config.routeInterval().toNanos();
        this.lastTopologyGossipNanos = actors.nanoTime() - config.topologyBatch().toNanos();
        for (String subnet : config.trustedSubnets()) {
            trusted.add(Cidr.parseSubnet(subnet));
        }
        this.topologyGossiper = new TopologyGossiper(this, topology);
        GossipChannel topologyChannel = new GossipChannel(TopologyGossiper.CHANNEL, this, topologyGossiper, actor);
        channels.put(TopologyGossiper.CHANNEL, topologyChannel);
        realChannels.add(TopologyGossiper.CHANNEL);
        topologyGossiper.attach(topologyChannel);
        this.connectionMaker = new ConnectionMaker(this);
    }

    // ---- lifecycle and public surface

    /**
     * Says that a data plane will register its overlay ({@link #setOverlay}) or that there will be none
     * ({@link #withoutOverlay}) after the mesh has started: until then connections, dialled or accepted,
     * wait before their handshake, which announces the overlay's features. Before the first connection.
     */
    public void expectOverlay() {
        overlaySettled = new CompletableFuture<>();
    }

    /** Registers the data plane's hook: before {@link #start()}, or after it when {@link #expectOverlay} said so. */
    public void setOverlay(Overlay overlay) {
        this.overlay = overlay;
        overlaySettled.complete(null);
    }

    /** There will be no overlay after all ({@link #expectOverlay}): waiting connections go on without one. */
    public void withoutOverlay() {
        overlaySettled.complete(null);
    }

    /** Called with the new target list whenever {@code connect}/{@code forget} change it (to persist it). */
    public void onTargetsChanged(Consumer<List<String>> listener) {
        this.targetsListener = listener;
    }

    /**
     * Keeps this router out of the mesh (no listening, no dialling), for a reason the status shows
     * on every target, e.g. a setting it cannot honour. Before {@link #start()}.
     */
    public void disable(String reason) {
        this.disabledReason = reason;
    }

    /** The overlay's diagnostics for the report; empty without an overlay. */
    public Map<String, Object> overlayDiagnostics() {
        Overlay o = overlay;
        return o == null ? Map.of() : o.diagnostics();
    }

    String disabledReason() {
        return disabledReason;
    }

    /** Starts listening and the periodic gossip. */
    public void start() throws IOException {
        if (disabledReason != null) {
            LOG.error("not joining the mesh: {}", disabledReason);
            firstContact.complete(null);
            return;
        }
        transport.listen(config.host(), config.port(), wire -> startConnection(wire, false, null));
        gossipTimer = actor.schedule(config.gossipInterval(), this::periodicGossip);
        summaryTimer = actor.schedule(TOPOLOGY_SUMMARY_INTERVAL, this::periodicSummary);
        LOG.info(config.password().isPresent() ? "Communication between peers via untrusted networks is encrypted."
                : "Communication between peers is unencrypted.");
        LOG.info("Our name is {}", localPeer.display());
    }

    /**
     * Completes when a connection is fully established, or when no dial is under way or due (no targets,
     * or each target's attempt failed): a joining router is then in the mesh, or knows it is not yet.
     */
    public CompletableFuture<Void> firstContact() {
        return firstContact.copy();
    }

    @Override
    public Gossip channel(String name, Gossiper gossiper) {
        synchronized (channels) {
            if (realChannels.contains(name)) {
                throw new IllegalStateException("duplicate gossip channel " + name);
            }
            GossipChannel channel = new GossipChannel(name, this, gossiper, actors.create("gossip-" + name));
            channels.put(name, channel);
            realChannels.add(name);
            return channel;
        }
    }

    public GossipChannels gossipChannels() {
        return this;
    }

    public Membership membership() {
        return new MeshMembership(this);
    }

    public MeshRoutes routes() {
        return new MeshRouteView(this);
    }

    public PeerName localName() {
        return localPeer.name();
    }

    /**
     * Adds (or with {@code replace} sets) the targets to dial. Returns one complaint per peer that was
     * not taken: bad syntax, a name that does not resolve, or this peer's own address.
     */
    public List<String> connect(List<String> peers, boolean replace) {
        List<String> problems = new ArrayList<>();
        List<PeerAddress> accepted = new ArrayList<>();
        for (String text : peers) {
            PeerAddress peer;
            try {
                peer = PeerAddress.parse(text);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
                continue;
            }
            accepted.add(peer);
        }
        actor.execute(() -> {
            connectionMaker.initiate(accepted, replace);
            targetsListener.accept(connectionMaker.targets());
        });
        return problems;
    }

    /** Checks that {@code peer} resolves and is not this router; null when fine, else the complaint. */
    public String resolveProblem(String text, Duration patience) {
        PeerAddress peer;
        try {
            peer = PeerAddress.parse(text);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        java.net.InetAddress address;
        try {
            address = transport.resolve(peer.host()).toCompletableFuture()
                    .get(patience.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return "lookup " + peer.host() + ": timed out after " + patience.toSeconds() + "s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "lookup " + peer.host() + ": interrupted";
        } catch (java.util.concurrent.ExecutionException e) {
            return ConnectionMaker.describe(e).message();
        }
        if (transport.isOwnAddress(new InetSocketAddress(address, peer.portOr(config.port())), config.port())) {
            return "cannot connect to ourself: " + text + " is this router's own address";
        }
        return null;
    }

    public void forget(List<String> peers) {
        actor.execute(() -> {
            connectionMaker.forget(peers);
            targetsListener.accept(connectionMaker.targets());
        });
    }

    /** The current targets, as given to {@code launch} and {@code connect}. */
    public CompletableFuture<List<String>> targets() {
        return CompletableFuture.supplyAsync(connectionMaker::targets, actor);
    }

    /** A status snapshot taken on the mesh actor. */
    public CompletableFuture<MeshStatus> status() {
        return CompletableFuture.supplyAsync(this::snapshot, actor);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        overlaySettled.complete(null);   // connections waiting for an overlay close their wires
        firstContact.complete(null);
        actor.execute(() -> {
            gossipTimer.cancel();
            summaryTimer.cancel();
            for (LocalConnection c : localPeer.connections().values()) {
                c.close(ConnectionFailure.stopping());
            }
        });
        Overlay o = overlay;
        if (o != null) {
            o.stop();
        }
        transport.close();
    }

    // ---- for the package

    boolean awaitingFirstContact() {
        return !firstContact.isDone();
    }

    /** The connection maker has no dial under way and none due now: nothing more to wait for at start. */
    void noDialUnderWay() {
        firstContact.complete(null);
    }

    MeshConfig config() {
        return config;
    }

    Actor actor() {
        return actor;
    }

    Transport transport() {
        return transport;
    }

    Random random() {
        return random;
    }

    long nanoTime() {
        return actors.nanoTime();
    }

    Instant now() {
        return actors.now();
    }

    boolean isClosed() {
        return closed;
    }

    Overlay overlay() {
        return overlay;
    }

    long localUid() {
        return localPeer.uid();
    }

    String localDisplay() {
        return localPeer.display();
    }

    RouteTable currentRoutes() {
        return routes;
    }

    Topology topology() {
        return topology;
    }

    Collection<PeerEntry> topologyEntries() {
        return topology.entries();
    }

    int connectionCount() {
        return localPeer.connectionCount();
    }

    void addReachableListener(Consumer<Set<PeerName>> listener) {
        reachableListeners.add(listener);
    }

    void addRouteListener(Runnable listener) {
        routeListeners.add(listener);
    }

    /** The features this peer announces on a new connection (SPEC §7.2). */
    Map<String, String> features(long connId, InetSocketAddress remote) {
        Map<String, String> features = new LinkedHashMap<>();
        features.put("PeerNameFlavour", RemoteIdentity.FLAVOUR);
        features.put("Name", localPeer.name().toString());
        features.put("NickName", localPeer.nickname());
        features.put("ShortID", Integer.toString(localPeer.shortId()));
        features.put("UID", Long.toUnsignedString(localPeer.uid()));
        features.put("ConnID", Long.toUnsignedString(connId));
        features.put("Trusted", Boolean.toString(trusts(remote)));
        Overlay o = overlay;
        if (o != null) {
            o.addFeaturesTo(features);
        }
        return features;
    }

    boolean trusts(InetSocketAddress remote) {
        if (remote == null || !(remote.getAddress() instanceof Inet4Address)) {
            return false;
        }
        Ipv4 ip = Ipv4.fromBytes(remote.getAddress().getAddress());
        return trusted.stream().anyMatch(c -> c.contains(ip));
    }

    /** A new wire, dialled or accepted: its connection starts the handshake. */
    void startConnection(Wire wire, boolean outbound, String targetAddress) {
        overlaySettled.thenRun(() -> {
            if (closed) {
                wire.close();
                return;
            }
            long connId = random.nextLong();
            new LocalConnection(this, wire, outbound, targetAddress, connId).start();
        });
    }

    /** A connection finished its handshake: register it with the local peer (answered on its actor). */
    void register(LocalConnection conn) {
        actor.execute(() -> {
            if (closed) {
                conn.actor().execute(() -> conn.registered(Optional.of(ConnectionFailure.stopping())));
                return;
            }
            LocalPeer.Added added = localPeer.add(conn, config.connLimit());
            if (added.replaced() != null) {
                added.replaced().close(ConnectionFailure.retryable("Multiple connections to "
                        + conn.remoteDisplay() + " added to " + localPeer.display()));
            }
            if (added.refused().isPresent()) {
                if (added.replaced() != null) {
                    localChanged();
                }
                conn.actor().execute(() -> conn.registered(added.refused()));
                return;
            }
            RemoteIdentity remote = conn.remote();
            PeerEntry known = topology.get(remote.name());
            if (known == null || known.isPlaceholder()) {
                topology.apply(List.of(new PeerEntry(remote.name(), remote.nickname(), remote.uid(), 0,
                        remote.shortId(), List.of())));
            }
            localChanged();
            connectionMaker.connectionCreated(conn);
            conn.actor().execute(() -> conn.registered(Optional.empty()));
            for (GossipChannel channel : channels.values()) {
                if (!channel.name().equals(TopologyGossiper.CHANNEL) || conn.outbound || config.fullTopologyGossip()) {
                    channel.gossipDown(conn);
                }
            }
        });
    }

    void connectionEstablished(LocalConnection conn) {
        actor.execute(() -> {
            firstContact.complete(null);
            if (localPeer.established(conn)) {
                localChanged();
            }
        });
    }

    void connectionEnded(LocalConnection conn, ConnectionFailure failure, boolean registered) {
        actor.execute(() -> {
            if (registered) {
                terminations.incrementAndGet();
            }
            if (localPeer.remove(conn)) {
                localChanged();
            }
            connectionMaker.connectionEnded(conn, failure, registered);
        });
    }

    /** A gossip message (tags 4-6) received over {@code from}; relays unicasts meant for others unread. */
    void deliverGossip(LocalConnection from, byte[] message) {
        try {
            if ((message[0] & 0xff) == ProtocolTag.GOSSIP_UNICAST) {
                PeerName destination = GossipMessageCodec.unicastDestination(message);
                if (!destination.equals(localPeer.name())) {
                    sendUnicast(destination, message);
                    return;
                }
            }
            GossipMessage decoded = GossipMessageCodec.decode(message);
            channelFor(decoded.channel()).receive(from, decoded);
        } catch (WireFormatException e) {
            from.close(ConnectionFailure.retryable("bad gossip message from the peer: " + e.getMessage()));
        }
    }

    private GossipChannel channelFor(String name) {
        GossipChannel channel = channels.get(name);
        if (channel != null) {
            return channel;
        }
        synchronized (channels) {
            return channels.computeIfAbsent(name, n -> {
                LOG.info("[gossip {}]: created surrogate channel (relaying a channel this router does not run)", n);
                return new GossipChannel(n, this, new SurrogateGossiper(actors::nanoTime,
                        config.gossipInterval().toNanos()), actor);
            });
        }
    }

    void sendUnicast(PeerName destination, byte[] message) {
        Map<PeerName, LocalConnection> connections = localPeer.connections();
        LocalConnection conn = connections.get(destination);
        if (conn == null) {
            conn = routes.unicastAll(destination).map(connections::get).orElse(null);
        }
        if (conn == null) {
            LOG.debug("unicast to {} dropped: no route", destination);
            return;
        }
        conn.send(message);
    }

    void relayBroadcast(String channel, PeerName origin, GossipData data) {
        Map<PeerName, LocalConnection> connections = localPeer.connections();
        List<PeerName> hops = origin.equals(localPeer.name()) ? List.copyOf(connections.keySet())
                : routes.broadcastAll(origin);
        for (PeerName hop : hops) {
            LocalConnection conn = connections.get(hop);
            if (conn != null) {
                conn.sender(channel).broadcast(origin, data);
            }
        }
    }

    void relayGossip(String channel, PeerName except, GossipData data) {
        Map<PeerName, LocalConnection> connections = localPeer.connections();
        for (PeerName hop : routes.gossipTargets(except, random, connections.keySet())) {
            LocalConnection conn = connections.get(hop);
            if (conn != null) {
                conn.sender(channel).send(data);
            }
        }
    }

    /** Merges topology entries from a neighbour (on the mesh actor); returns the peers whose entry was new. */
    Set<PeerName> applyTopologyUpdate(List<PeerEntry> entries) {
        Topology.ApplyResult result = topology.apply(entries);
        if (result.sawEarlierSelf() && localPeer.setVersionBeyond(result.foreignSelfVersion())) {
            LOG.info("heard of an earlier run of this peer (version {}); now at a newer version",
                    result.foreignSelfVersion());
            localChanged();
        }
        if (result.shortIdsChanged()) {
            resolveShortIdCollision();
        }
        if (!result.changed().isEmpty()) {
            queueRoutes();
            queueTopologyCheck();
        }
        return result.changed();
    }

    private void resolveShortIdCollision() {
        if (!topology.localShortIdContested()) {
            return;
        }
        int fresh = topology.chooseFreeShortId(random);
        if (fresh == PeerEntry.NO_SHORT_ID) {
            LOG.warn("short ID {} is also held by {} and all 4096 short IDs are taken", localPeer.shortId(),
                    topology.holderOfShortId(localPeer.shortId()));
            return;
        }
        LOG.info("short ID {} is also held by {}; taking {}", localPeer.shortId(),
                topology.holderOfShortId(localPeer.shortId()), fresh);
        localPeer.setShortId(fresh);
        localChanged();
    }

    /**
     * {@code names} plus this peer, when its own entry has a change not yet gossiped: relayed entries
     * of a peer that just connected here are then reachable for the receivers (this peer's entry
     * links them), instead of being dropped as unreachable until the next periodic gossip.
     */
    Set<PeerName> withPendingLocalChange(Set<PeerName> names) {
        if (!pendingTopologyGossip.contains(localPeer.name())) {
            return names;
        }
        Set<PeerName> all = new LinkedHashSet<>(names);
        all.add(localPeer.name());
        return all;
    }

    /** This peer's entry changed: into the topology, gossiped after a short batch, routes recomputed. */
    private void localChanged() {
        topology.setLocal(localPeer.entry());
        pendingTopologyGossip.add(localPeer.name());
        if (!topologyGossipQueued) {
            topologyGossipQueued = true;
            // the first change after a quiet spell goes out at once (what a joining peer waits for);
            // changes that follow within a batch interval of a send are gathered into the next one
            long wait = Math.max(0, lastTopologyGossipNanos + config.topologyBatch().toNanos() - nanoTime());
            actor.schedule(Duration.ofNanos(wait), () -> {
                topologyGossipQueued = false;
                lastTopologyGossipNanos = nanoTime();
                Set<PeerName> names = new LinkedHashSet<>(pendingTopologyGossip);
                pendingTopologyGossip.clear();
                relayBroadcast(TopologyGossiper.CHANNEL, localPeer.name(), topologyGossiper.update(names));
            });
        }
        queueRoutes();
        queueTopologyCheck();
    }

    /** After a change: compare summaries with a few neighbours soon (see {@link #TOPOLOGY_CHECK}). */
    private void queueTopologyCheck() {
        if (topologyCheckQueued || config.fullTopologyGossip()) {
            return;
        }
        topologyCheckQueued = true;
        actor.schedule(TOPOLOGY_CHECK, () -> {
            topologyCheckQueued = false;
            sendTopologySummary();
        });
    }

    private void periodicSummary() {
        if (closed) {
            return;
        }
        if (!config.fullTopologyGossip()) {
            sendTopologySummary();
        }
        summaryTimer = actor.schedule(TOPOLOGY_SUMMARY_INTERVAL, this::periodicSummary);
    }

    private void sendTopologySummary() {
        relayGossip(TopologyGossiper.CHANNEL, localPeer.name(), topologyGossiper.summary());
    }

    private void queueRoutes() {
        if (routesQueued) {
            return;
        }
        routesQueued = true;
        long wait = Math.max(0, lastRoutesNanos + config.routeInterval().toNanos() - nanoTime());
        actor.schedule(Duration.ofNanos(wait), this::recalculateRoutes);
    }

    /** New routes; peers no connection reaches any more leave the topology. */
    private void recalculateRoutes() {
        routesQueued = false;
        lastRoutesNanos = nanoTime();
        RouteTable table = RouteTable.compute(localPeer.name(), topology.entries());
        List<PeerEntry> removed = dropUnreachable(table);
        if (!removed.isEmpty()) {
            resolveShortIdCollision();
        }
        routes = table;
        Set<PeerName> reachable = Set.copyOf(table.reachable());
        if (!reachable.equals(lastReachable)) {
            lastReachable = reachable;
            for (Consumer<Set<PeerName>> listener : reachableListeners) {
                notify(() -> listener.accept(reachable));
            }
        }
        routeListeners.forEach(l -> notify(l));
        connectionMaker.check();
    }

    /**
     * Removes peers that no connection reaches (SPEC §7.3) once they have been unreachable for
     * {@link #GC_GRACE}: entries can arrive before the entry that links them (reordered or split
     * gossip), and are then kept long enough for it to come.
     */
    private List<PeerEntry> dropUnreachable(RouteTable table) {
        long now = nanoTime();
        Set<PeerName> keep = new HashSet<>(table.reachableAll());
        keep.addAll(localPeer.connections().keySet());
        keep.add(localPeer.name());
        unreachableSince.keySet().removeIf(keep::contains);
        unreachableSince.values().removeIf(since -> now - since > 10 * GC_GRACE.toNanos());
        boolean waiting = false;
        for (PeerEntry entry : topology.entries()) {
            if (!keep.contains(entry.name())) {
                long since = unreachableSince.computeIfAbsent(entry.name(), n -> now);
                if (now - since < GC_GRACE.toNanos()) {
                    keep.add(entry.name());
                    waiting = true;
                }
            }
        }
        List<PeerEntry> removed = topology.retainOnly(keep);
        for (PeerEntry gone : removed) {
            if (!gone.isPlaceholder()) {
                LOG.info("Removed unreachable peer {}", gone.display());
            }
        }
        if (waiting) {
            actor.schedule(GC_GRACE, this::queueRoutes);
        }
        return removed;
    }

    private static void notify(Runnable listener) {
        try {
            listener.run();
        } catch (RuntimeException e) {
            LOG.error("mesh listener failed", e);
        }
    }

    private void periodicGossip() {
        if (closed) {
            return;
        }
        for (GossipChannel channel : channels.values()) {
            if (realChannels.contains(channel.name())) {
                channel.gossipAll();
            }
        }
        gossipTimer = actor.schedule(config.gossipInterval(), this::periodicGossip);
    }

    // ---- status

    MeshStatus.ConnectionStatus connectionStatus(LocalConnection c) {
        Map<String, String> attrs = new LinkedHashMap<>();
        String overlayName = "none";
        Optional<OverlayConnection> oc = c.overlay();
        if (oc.isPresent()) {
            attrs.putAll(oc.get().attrs());
            overlayName = attrs.getOrDefault("name", "unknown");
        }
        String info = String.format("%-6s %s", overlayName, c.remoteDisplay());
        if (config.password().isPresent()) {
            boolean dataEncrypted = Boolean.parseBoolean(attrs.getOrDefault("encrypted", "false"));
            info = String.format("%-11s %s", oc.isEmpty() || dataEncrypted ? "encrypted" : "unencrypted", info);
        }
        return new MeshStatus.ConnectionStatus(c.remoteAddressText(), c.outbound,
                c.isEstablished() ? "established" : "pending", info, attrs);
    }

    /** The status, taken on the calling thread: the mesh actor, or a single-threaded simulation. */
    MeshStatus snapshot() {
        RouteTable table = routes;
        List<MeshStatus.PeerStatus> peers = new ArrayList<>();
        List<PeerEntry> entries = new ArrayList<>(topology.entries());
        entries.sort((a, b) -> a.name().equals(localPeer.name()) ? -1
                : b.name().equals(localPeer.name()) ? 1 : a.name().compareTo(b.name()));
        Map<PeerName, String> nicknames = new HashMap<>();
        entries.forEach(e -> nicknames.put(e.name(), e.nickname()));
        for (PeerEntry e : entries) {
            List<MeshStatus.PeerConnection> conns = new ArrayList<>();
            e.connections().forEach(c -> conns.add(new MeshStatus.PeerConnection(c.remote().toString(),
                    nicknames.getOrDefault(c.remote(), ""), c.address(), c.outbound(), c.established())));
            peers.add(new MeshStatus.PeerStatus(e.name().toString(), e.nickname(), Long.toUnsignedString(e.uid()),
                    e.shortId(), e.version(), conns));
        }
        List<MeshStatus.UnicastRoute> unicast = new ArrayList<>();
        table.unicastRoutes().forEach((dest, via) -> unicast.add(new MeshStatus.UnicastRoute(dest.toString(), via.toString())));
        List<MeshStatus.BroadcastRoute> broadcast = new ArrayList<>();
        broadcast.add(new MeshStatus.BroadcastRoute(localPeer.name().toString(),
                table.broadcast(localPeer.name()).stream().map(PeerName::toString).toList()));
        return new MeshStatus(localPeer.name().toString(), localPeer.nickname(), config.port(),
                config.minProtocolVersion(), config.maxProtocolVersion(), config.password().isPresent(), config.discovery(), peers, unicast,
                broadcast, connectionMaker.status(), connectionMaker.targets(), terminations.get(),
                config.trustedSubnets(), overlay != null);
    }

    static String addressText(InetSocketAddress address) {
        if (address == null) {
            return "unknown";
        }
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        return (address.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
