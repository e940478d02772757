package dev.weft.router.dataplane;

import dev.weft.router.concurrent.DaemonThreads;
import dev.weft.router.dataplane.fastpath.FastPath;
import dev.weft.router.dataplane.fastpath.FastPathDevices;
import dev.weft.router.dataplane.fastpath.FastPathLink;
import dev.weft.router.dataplane.sleeve.Sleeve;
import dev.weft.router.dataplane.sleeve.SleevePeer;
import dev.weft.router.dataplane.wire.AeadDatagramSealer;
import dev.weft.router.dataplane.wire.DatagramSealer;
import dev.weft.router.mesh.Overlay;
import dev.weft.router.mesh.OverlayConnection;
import dev.weft.router.mesh.OverlayConnectionParams;
import dev.weft.router.mesh.OverlayException;
import dev.weft.weaveutil.addr.Ipv4;
import dev.weft.weaveutil.addr.Mac;
import java.net.Inet4Address;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data plane behind the mesh's {@link Overlay} seam (feature {@code Overlays: fastdp sleeve}):
 * every connection gets a sleeve neighbour and, when both routers offer it, a fast-path link; a
 * supervisor moves each connection between the two as heartbeats say, programming the VXLAN
 * flood entries and telling the sleeve which floods the kernel already delivers.
 * {@link DataPlanes#start} builds one on the kernel's devices.
 */
public final class DataPlane implements Overlay {
    private static final Logger LOG = LoggerFactory.getLogger(DataPlane.class);
    public static final String FEATURE_OVERLAYS = "Overlays";
    /** weft's own feature: the UDP port of the remote's sleeve (its fast path is the next port). */
    public static final String FEATURE_DATA_PORT = "DataPort";
    static final String ENCRYPTED_SLEEVE_ONLY = "encrypted traffic takes the sleeve: weft has no kernel encryption"
            + " (IPsec ESP, WireGuard) for the fast path";
    static final long SLEEVE_WORKING_WINDOW_NANOS = 15_000_000_000L;
    private static final long SUPERVISE_MILLIS = 100;
    private static final int STALE_CHECK_TICKS = 10;
    private long ticks;

    private final DataPlaneConfig config;
    private final Sleeve sleeve;
    private final FastPath fastPath;
    private final FastPathDevices devices;
    private final String tapName;
    private final AutoCloseable onStop;
    private final List<DataPlaneConnection> connections = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService supervisor;
    private volatile boolean stopped;

    /**
     * @param fastPath null without the fast path (then {@code devices} is null too)
     * @param onStop   releases what the data plane made (devices, sockets) at {@link #stop()}
     */
    public DataPlane(DataPlaneConfig config, Sleeve sleeve, FastPath fastPath, FastPathDevices devices, String tapName,
                     AutoCloseable onStop) {
        this.config = config;
        this.sleeve = sleeve;
        this.fastPath = fastPath;
        this.devices = devices;
        this.tapName = tapName;
        this.onStop = onStop;
        this.supervisor = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("dataplane-supervisor"));
        sleeve.onFirstAnswer(this::superviseSoon);
    }

    /** Starts the packet loops and the supervisor. */
    public void start() {
        sleeve.start();
        if (fastPath != null) {
            fastPath.start();
        }
        supervisor.scheduleWithFixedDelay(this::supervise, SUPERVISE_MILLIS, SUPERVISE_MILLIS, TimeUnit.MILLISECONDS);
    }

    public DataPlaneConfig config() {
        return config;
    }

    public Sleeve sleeve() {
        return sleeve;
    }

    @Override
    public void addFeaturesTo(Map<String, String> features) {
        features.put(FEATURE_OVERLAYS, config.fastPath() ? "fastdp sleeve" : "sleeve");
        features.put(FEATURE_DATA_PORT, Integer.toString(config.meshPort()));
    }

    @Override
    public OverlayConnection prepareConnection(OverlayConnectionParams params) throws OverlayException {
        if (stopped) {
            throw new OverlayException("the data plane is stopping");
        }
        if (params.sessionKey().isPresent() && params.sessionKey().get().length != 32) {
            throw new OverlayException("the session key must be 32 bytes");
        }
        if (!(params.remoteAddress().getAddress() instanceof Inet4Address remoteIp)) {
            throw new OverlayException("the data plane needs an IPv4 address for " + params.remotePeer()
                    + ", not " + params.remoteAddress().getAddress().getHostAddress());
        }
        Map<String, String> features = params.remoteFeatures();
        Set<String> overlays = Set.of(features.getOrDefault(FEATURE_OVERLAYS, "sleeve").trim().split("\\s+"));
        if (!overlays.contains("sleeve") && !overlays.contains("fastdp")) {
            throw new OverlayException("peer " + params.remotePeer() + " offers no overlay weft knows ("
                    + features.get(FEATURE_OVERLAYS) + ")");
        }
        int dataPort = dataPort(params);
        boolean encrypt = params.sessionKey().isPresent() && !params.trusted();
        // an encrypted kernel path (IPsec ESP or WireGuard, keyed from the session key) would go here
        String noFastPath = encrypt ? ENCRYPTED_SLEEVE_ONLY
                : !config.fastPath() ? "fast path disabled here (--no-fastdp)"
                : !overlays.contains("fastdp") ? "peer offers no fast path" : null;
        DataPlaneConnection c = new DataPlaneConnection(this, params, remoteIp, dataPort, noFastPath);
        connections.add(c);
        return c;
    }

    private static int dataPort(OverlayConnectionParams params) {
        String text = params.remoteFeatures().get(FEATURE_DATA_PORT);
        if (text != null) {
            try {
                int port = Integer.parseInt(text.trim());
                if (port > 0 && port < 65535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // fall through to what the connection says
            }
        }
        return params.outbound() ? params.remoteAddress().getPort() : 6783;
    }

    SleevePeer sleeveNeighbour(DataPlaneConnection c) {
        DatagramSealer sealer = c.encrypted()
                ? new AeadDatagramSealer(c.params().sessionKey().get(), sleeve.self(), c.params().remotePeer().value())
                : DatagramSealer.PLAIN;
        return sleeve.addNeighbour(c.params().remotePeer(), Ipv4.fromBytes(c.remoteIp().getAddress()).bits(),
                c.remoteDataPort(), sealer, c.params().connectionUid());
    }

    FastPathLink fastPathLink(DataPlaneConnection c, long now) {
        int port = c.remoteDataPort() + 1;
        Mac remote = Mac.parse(c.params().remotePeer().toString());
        devices.addHeartbeatRoute(remote, c.remoteIp(), port);
        FastPathLink link = new FastPathLink(c.params().remotePeer().value(),
                Ipv4.fromBytes(c.remoteIp().getAddress()).bits(), port, c.params().connectionUid(), now);
        fastPath.add(link);
        return link;
    }

    void connectionStopped(DataPlaneConnection c) {
        connections.remove(c);
        synchronized (this) {
            if (c.fastActive()) {
                deactivate(c, "connection closed");
            }
            FastPathLink link = c.fastLink();
            if (link != null) {
                fastPath.remove(link);
                if (connections.stream().noneMatch(o -> o.params().remotePeer().equals(c.params().remotePeer()))) {
                    devices.removeHeartbeatRoute(Mac.parse(c.params().remotePeer().toString()), c.remoteIp(),
                            link.remotePort());
                }
            }
            SleevePeer peer = c.sleevePeer();
            if (peer != null) {
                sleeve.removeNeighbour(peer);
            }
        }
    }

    private void supervise() {
        try {
            long now = System.nanoTime();
            if (fastPath != null) {
                fastPath.tick(now);
            }
            for (DataPlaneConnection c : connections) {
                superviseOne(c, now);
            }
            if (fastPath != null && ++ticks % STALE_CHECK_TICKS == 0) {
                forgetStaleSleeveEntries();
            }
        } catch (RuntimeException e) {
            LOG.warn("data-plane supervisor: {}", e.toString());
        }
    }

    /** A neighbour's path was just proven: its connections are looked at now, not at the next periodic look. */
    private void superviseSoon(SleevePeer peer) {
        if (stopped) {
            return;
        }
        try {
            supervisor.execute(() -> {
                long now = System.nanoTime();
                for (DataPlaneConnection c : connections) {
                    if (c.sleevePeer() == peer) {
                        superviseOne(c, now);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            // stopping: nothing left to establish
        }
    }

    private synchronized void superviseOne(DataPlaneConnection c, long now) {
        if (c.stopped()) {
            return;
        }
        FastPathLink link = c.fastLink();
        if (link != null && link.evaluate(now)) {
            if (link.active()) {
                activate(c);
            } else {
                deactivate(c, sleeveReason(c, now));
            }
        }
        SleevePeer peer = c.sleevePeer();
        c.supervise(now, peer != null && sleeve.working(peer, SLEEVE_WORKING_WINDOW_NANOS));
    }

    private void activate(DataPlaneConnection c) {
        FastPathLink link = c.fastLink();
        devices.addFlood(c.remoteIp(), link.remotePort());
        long[] macs = sleeve.macsAt(c.params().remotePeer());
        devices.forgetOnBridgePort(tapName, Arrays.stream(macs).mapToObj(DataPlane::mac).toList());
        c.setFastActive(true);
        c.sleevePeer().setFastPathActive(true);
        sleeve.rebuild();
        LOG.info("connection to {}: fast path (VXLAN on UDP {})", c, link.remotePort());
    }

    private void deactivate(DataPlaneConnection c, String reason) {
        FastPathLink link = c.fastLink();
        c.setFastActive(false);
        c.sleevePeer().setFastPathActive(false);
        sleeve.rebuild();
        boolean shared = connections.stream().anyMatch(o -> o != c && o.fastActive()
                && o.remoteIp().equals(c.remoteIp()));
        if (!shared) {
            devices.removeFlood(c.remoteIp(), link.remotePort());
        }
        LOG.info("connection to {}: sleeve ({})", c, reason);
    }

    /**
     * Frames for a MAC behind a fast-path neighbour should leave by the VXLAN port; the bridge may
     * still point at the sleeve's port for it (learnt from frames the sleeve delivered while the
     * connection was changing over). Such entries are dropped so the bridge learns the MAC anew.
     */
    private synchronized void forgetStaleSleeveEntries() {
        List<DataPlaneConnection> fast = connections.stream().filter(DataPlaneConnection::fastActive).toList();
        if (fast.isEmpty()) {
            return;
        }
        java.util.Set<Long> behindFastPath = new java.util.HashSet<>();
        for (DataPlaneConnection c : fast) {
            for (long m : sleeve.macsAt(c.params().remotePeer())) {
                behindFastPath.add(m);
            }
        }
        List<Mac> stale = devices.learntOnBridgePort(tapName).stream()
                .filter(m -> behindFastPath.contains(value(m))).toList();
        if (!stale.isEmpty()) {
            devices.forgetOnBridgePort(tapName, stale);
            LOG.debug("forgot {} bridge entries on {} for MACs behind the fast path", stale.size(), tapName);
        }
    }

    private static long value(Mac mac) {
        long v = 0;
        for (byte b : mac.toBytes()) {
            v = (v << 8) | (b & 0xff);
        }
        return v;
    }

    private static Mac mac(long value) {
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) (value >>> (40 - 8 * i));
        }
        return Mac.fromBytes(b);
    }

    /** Why connection {@code c} is on the sleeve, in words for {@code weave status connections}. */
    String sleeveReason(DataPlaneConnection c, long now) {
        if (c.noFastPathReason() != null) {
            return c.noFastPathReason();
        }
        FastPathLink link = c.fastLink();
        if (link == null) {
            return "starting";
        }
        SleevePeer peer = c.sleevePeer();
        int needed = config.fastPathMtuNeeded();
        if (peer != null && sleeve.pathMtuVerified(peer) && peer.pathMtu() < needed) {
            return "path MTU " + peer.pathMtu() + " < " + needed + " needed";
        }
        return "no fast-path heartbeat on UDP " + link.remotePort() + " from " + c.remoteIp().getHostAddress()
                + " for " + link.silentSeconds(now) + " s";
    }

    /**
     * What {@code weave report} shows under the router's overlay diagnostics: per path its devices,
     * the sleeve's counters and MACs learnt, and per connection its overlay, MTU and reason.
     */
    @Override
    public Map<String, Object> diagnostics() {
        Map<String, Object> d = new java.util.LinkedHashMap<>();
        Map<String, Object> fast = new java.util.LinkedHashMap<>();
        fast.put("Enabled", config.fastPath());
        if (config.fastPath()) {
            fast.put("Device", dev.weft.router.dataplane.fastpath.VxlanDevices.DATA);
            fast.put("Port", config.fastPathPort());
        }
        d.put("fastdp", fast);
        Map<String, Object> sl = new java.util.LinkedHashMap<>();
        sl.put("Port", config.meshPort());
        sl.put("Interface", tapName);
        dev.weft.router.dataplane.sleeve.SleeveStats st = sleeve.stats();
        sl.put("CaptureStats", Map.of("FramesCaptured", st.framesCaptured(), "FramesDelivered",
                st.framesDelivered(), "FramesRelayed", st.framesRelayed(), "Dropped", st.dropped(),
                "DroppedNotAuthentic", st.droppedNotAuthentic(), "DroppedReplayed", st.droppedReplayed(),
                "TooBigAnswered", st.tooBigAnswered(), "Fragmented", st.fragmented()));
        sl.put("MACs", sleeve.macCount());
        d.put("sleeve", sl);
        List<Map<String, Object>> conns = new java.util.ArrayList<>();
        for (DataPlaneConnection c : connections) {
            Map<String, Object> m = new java.util.LinkedHashMap<>(c.attrs());
            m.put("Peer", c.params().remotePeer().toString());
            m.put("Address", c.remoteIp().getHostAddress());
            SleevePeer p = c.sleevePeer();
            if (p != null) {
                m.put("PathMTU", p.pathMtu());
                m.put("SleeveDatagramsSent", p.datagramsSent());
                m.put("SleeveDatagramsReceived", p.datagramsReceived());
            }
            conns.add(m);
        }
        d.put("Connections", conns);
        return d;
    }

    /** The connections now (for status and metrics). */
    public List<DataPlaneConnection> connections() {
        return List.copyOf(connections);
    }

    @Override
    public void stop() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
        }
        supervisor.shutdownNow();
        for (DataPlaneConnection c : connections) {
            c.stop();
        }
        if (fastPath != null) {
            fastPath.close();
        }
        sleeve.close();
        if (devices != null) {
            devices.remove();
        }
        try {
            onStop.close();
        } catch (Exception e) {
            LOG.warn("data plane: releasing devices: {}", e.toString());
        }
    }
}
