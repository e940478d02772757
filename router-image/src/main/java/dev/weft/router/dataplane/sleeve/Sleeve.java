package dev.weft.router.dataplane.sleeve;

import dev.weft.router.concurrent.DaemonThreads;
import dev.weft.router.dataplane.wire.DatagramSealer;
import dev.weft.router.identity.PeerName;
import dev.weft.router.mesh.Membership;
import dev.weft.router.mesh.MeshRoutes;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user-space data path: a TAP port on the weave bridge and a UDP socket on the mesh port,
 * two packet loops (capture → datagrams, datagrams → bridge or next hop), and a timer thread
 * that keeps each neighbour's path checked. Neighbours come and go with mesh connections; where
 * frames go follows the mesh's routes.
 */
public final class Sleeve implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Sleeve.class);
    private static final long MAC_MAX_AGE_NANOS = TimeUnit.MINUTES.toNanos(10);
    private static final long TICK_MILLIS = 10;

    private final long self;
    private final TapPort tap;
    private final SleeveSocket socket;
    private final MeshRoutes routes;
    private final Membership membership;
    private final MacTable macs = new MacTable(MAC_MAX_AGE_NANOS);
    private final SleeveStats stats = new SleeveStats();
    private final Map<Long, SleeveLinkMonitor> monitors = new ConcurrentHashMap<>();
    private final TapReader capture;
    private final SleeveReceiver receiver;
    private final ScheduledExecutorService timers;
    private final Thread captureThread;
    private final Thread receiveThread;
    private final dev.weft.weaveutil.jna.IoBuffer timerScratch = dev.weft.weaveutil.jna.IoBuffer.allocate(65536);
    private volatile ForwardingTable table = ForwardingTable.EMPTY;
    private volatile Consumer<SleevePeer> firstAnswerListener = peer -> { };
    private volatile boolean closed;

    public Sleeve(PeerName self, TapPort tap, SleeveSocket socket, MeshRoutes routes, Membership membership) {
        this.self = self.value();
        this.tap = tap;
        this.socket = socket;
        this.routes = routes;
        this.membership = membership;
        FrameEmitter.PathTrouble trouble = peer -> {
            SleeveLinkMonitor m = monitors.get(peer.name());
            if (m != null) {
                m.datagramTooBig(System.nanoTime());
            }
        };
        this.capture = new TapReader(this.self, tap, macs, () -> table,
                new FrameEmitter(this.self, socket, stats, trouble), stats);
        this.receiver = new SleeveReceiver(this.self, socket, tap, macs, () -> table,
                new FrameEmitter(this.self, socket, stats, trouble), stats, this::control);
        this.captureThread = new Thread(capture, "sleeve-capture");
        this.receiveThread = new Thread(receiver, "sleeve-receive");
        captureThread.setDaemon(true);
        receiveThread.setDaemon(true);
        this.timers = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("sleeve-timers"));
        routes.onChange(this::rebuild);
        membership.onReachableChange(peers -> rebuild());
    }

    public void start() {
        captureThread.start();
        receiveThread.start();
        timers.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(this::expireMacs, 30, 30, TimeUnit.SECONDS);
    }

    /** This peer's name (48 bits). */
    public long self() {
        return self;
    }

    /**
     * Told (on the receive loop, so briefly) when a neighbour first answers a heartbeat: the moment its
     * path is proven, sooner than a periodic look at {@link #working} would notice.
     */
    public void onFirstAnswer(Consumer<SleevePeer> listener) {
        this.firstAnswerListener = listener;
    }

    /** A neighbour to carry frames to and from; checked by heartbeats and path-MTU probes from now on. */
    public SleevePeer addNeighbour(PeerName name, int ipv4, int port, DatagramSealer sealer, long connectionUid) {
        long now = System.nanoTime();
        int initialMtu = socket.kernelPathMtu(ipv4);
        SleevePeer peer = new SleevePeer(name.value(), self, ipv4, port,
                initialMtu > 0 ? Math.min(initialMtu, 65535) : 1500, sealer);
        monitors.put(name.value(), new SleeveLinkMonitor(peer, socket, connectionUid, now, timerScratch,
                () -> firstAnswerListener.accept(peer)));
        rebuild();
        return peer;
    }

    public void removeNeighbour(SleevePeer peer) {
        monitors.computeIfPresent(peer.name(), (name, m) -> m.peer() == peer ? null : m);
        rebuild();
    }

    /** Recomputes where frames go (routes, neighbours or a fast-path state changed). */
    public synchronized void rebuild() {
        if (closed) {
            return;
        }
        List<SleevePeer> neighbours = monitors.values().stream().map(SleeveLinkMonitor::peer).toList();
        Collection<PeerName> reachable = membership.reachablePeers();
        table = ForwardingTable.build(self, neighbours, routes, reachable);
    }

    /** True when {@code peer}'s heartbeats were answered within {@code windowNanos}. */
    public boolean working(SleevePeer peer, long windowNanos) {
        SleeveLinkMonitor m = monitors.get(peer.name());
        return m != null && m.working(System.nanoTime(), windowNanos);
    }

    /** When {@code peer} last answered a heartbeat (System.nanoTime), 0 if never. */
    public long lastAnswerNanos(SleevePeer peer) {
        SleeveLinkMonitor m = monitors.get(peer.name());
        return m == null ? 0 : m.lastAnswerNanos();
    }

    public boolean pathMtuVerified(SleevePeer peer) {
        SleeveLinkMonitor m = monitors.get(peer.name());
        return m != null && m.pathMtuVerified();
    }

    /** The MACs this peer has seen at {@code peer}. */
    public long[] macsAt(PeerName peer) {
        return macs.macsOf(peer.value(), System.nanoTime());
    }

    public int macCount() {
        return macs.size();
    }

    /** The current neighbours. */
    public List<SleevePeer> peers() {
        return monitors.values().stream().map(SleeveLinkMonitor::peer).toList();
    }

    public SleeveStats stats() {
        return stats;
    }

    private void control(SleevePeer from, int kind, ByteBuffer b, int at, int length, int ip, int port) {
        SleeveLinkMonitor m = monitors.get(from.name());
        if (m != null && m.peer() == from) {
            m.received(kind, b, at, length, ip, port, System.nanoTime());
        }
    }

    private void tick() {
        long now = System.nanoTime();
        for (SleeveLinkMonitor m : monitors.values()) {
            try {
                m.tick(now);
            } catch (RuntimeException e) {
                LOG.warn("sleeve timer for {}: {}", m.peer(), e.toString());
            }
        }
    }

    private void expireMacs() {
        java.util.Set<Long> reachable = new java.util.HashSet<>();
        membership.reachablePeers().forEach(p -> reachable.add(p.value()));
        macs.expire(System.nanoTime(), peer -> peer != self && !reachable.contains(peer));
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        timers.shutdownNow();
        capture.stop();
        receiver.stop();
        join(captureThread);
        join(receiveThread);
        tap.close();
        socket.close();
    }

    private static void join(Thread t) {
        if (!t.isAlive()) {
            return;
        }
        try {
            t.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
