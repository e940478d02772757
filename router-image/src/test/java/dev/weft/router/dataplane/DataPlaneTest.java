package dev.weft.router.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.dataplane.fastpath.FastPath;
import dev.weft.router.dataplane.fastpath.FastPathDevices;
import dev.weft.router.dataplane.fastpath.HeartbeatPort;
import dev.weft.router.dataplane.lab.StaticMesh;
import dev.weft.router.dataplane.sleeve.FakeNet;
import dev.weft.router.dataplane.sleeve.Sleeve;
import dev.weft.router.identity.PeerName;
import dev.weft.router.mesh.OverlayConnection;
import dev.weft.router.mesh.OverlayConnectionParams;
import dev.weft.router.mesh.OverlayException;
import dev.weft.weaveutil.addr.Mac;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two data planes joined in memory: features, modes and reasons, flood entries, the move between overlays. */
class DataPlaneTest {
    private static final PeerName A = PeerName.parse("8a:00:00:00:00:0a");
    private static final PeerName B = PeerName.parse("8a:00:00:00:00:0b");

    private final FakeNet net = new FakeNet();
    private final Map<Long, BlockingQueue<byte[]>> heartbeatWire = new HashMap<>();
    private volatile boolean fastPathBlocked;
    private final List<DataPlane> planes = new ArrayList<>();

    /** Records what the data plane asks of the kernel's VXLAN devices. */
    static final class Devices implements FastPathDevices {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public void addFlood(InetAddress remote, int port) {
            calls.add("flood+ " + remote.getHostAddress() + ":" + port);
        }

        @Override
        public void removeFlood(InetAddress remote, int port) {
            calls.add("flood- " + remote.getHostAddress() + ":" + port);
        }

        @Override
        public void addHeartbeatRoute(Mac remoteName, InetAddress remote, int port) {
            calls.add("hb+ " + remoteName + " " + remote.getHostAddress() + ":" + port);
        }

        @Override
        public void removeHeartbeatRoute(Mac remoteName, InetAddress remote, int port) {
            calls.add("hb- " + remoteName);
        }

        @Override
        public void forgetOnBridgePort(String port, List<Mac> macs) {
        }

        @Override
        public List<Mac> learntOnBridgePort(String port) {
            return List.of();
        }

        @Override
        public void remove() {
            calls.add("removed");
        }
    }

    private HeartbeatPort heartbeats(PeerName self) {
        BlockingQueue<byte[]> mine = new LinkedBlockingQueue<>();
        heartbeatWire.put(self.value(), mine);
        return new HeartbeatPort() {
            @Override
            public int send(byte[] frame, int length) {
                long to = java.nio.ByteBuffer.wrap(frame).getLong(0) >>> 16;
                BlockingQueue<byte[]> q = heartbeatWire.get(to);
                if (q != null && !fastPathBlocked) {
                    q.add(java.util.Arrays.copyOf(frame, length));
                }
                return 0;
            }

            @Override
            public int receive(byte[] into) {
                byte[] f = mine.poll();
                if (f == null) {
                    return -1;
                }
                System.arraycopy(f, 0, into, 0, f.length);
                return f.length;
            }

            @Override
            public boolean awaitReadable(int timeoutMillis) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return !mine.isEmpty();
            }

            @Override
            public void close() {
            }
        };
    }

    private static int ip(PeerName p) {
        return 0x0a000000 | (int) (p.value() & 0xff);
    }

    private DataPlane plane(PeerName self, boolean fast, Devices devices) {
        StaticMesh mesh = StaticMesh.full(self, List.of(A, B));
        Sleeve sleeve = new Sleeve(self, new FakeNet.Tap(), net.socket(ip(self)), mesh, mesh);
        FastPath fastPath = fast ? new FastPath(self.value(), heartbeats(self), 1390) : null;
        DataPlane plane = new DataPlane(new DataPlaneConfig(self, "weave", 1376, 6783, fast), sleeve, fastPath,
                fast ? devices : null, "vethwe-sleeve", () -> { });
        plane.start();
        planes.add(plane);
        return plane;
    }

    private static OverlayConnectionParams params(PeerName remote, boolean outbound, Map<String, String> features)
            throws Exception {
        InetAddress ip = InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) (remote.value() & 0xff)});
        return new OverlayConnectionParams(remote, 1, new InetSocketAddress(0), new InetSocketAddress(ip, 6783),
                outbound, 77, Optional.empty(), features, m -> { });
    }

    private static Map<String, String> features(DataPlane p) {
        Map<String, String> f = new HashMap<>();
        p.addFeaturesTo(f);
        return f;
    }

    private static boolean await(OverlayConnection c, Predicate<Map<String, String>> condition) throws Exception {
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            if (condition.test(c.attrs())) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static boolean eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    @AfterEach
    void stop() {
        planes.forEach(DataPlane::stop);
    }

    @Test
    void featuresOfferBothOverlaysAndTheDataPort() {
        DataPlane a = plane(A, true, new Devices());
        assertEquals(Map.of("Overlays", "fastdp sleeve", "DataPort", "6783"), features(a));
        DataPlane b = plane(B, false, new Devices());
        assertEquals("sleeve", features(b).get("Overlays"));
    }

    @Test
    void aConnectionStartsOnTheSleeveMovesToTheFastPathAndBackWhenHeartbeatsStop() throws Exception {
        Devices da = new Devices();
        DataPlane a = plane(A, true, da);
        DataPlane b = plane(B, true, new Devices());
        OverlayConnection ab = a.prepareConnection(params(B, true, features(b)));
        OverlayConnection ba = b.prepareConnection(params(A, false, features(a)));
        ab.confirm();
        ba.confirm();
        assertTrue(da.calls.contains("hb+ 8a:00:00:00:00:0b 10.0.0.11:6784"), da.calls.toString());
        ab.established().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(await(ab, m -> "fastdp".equals(m.get("name"))), ab.attrs().toString());
        assertEquals("1376", ab.attrs().get("mtu"));
        assertTrue(eventually(() -> da.calls.contains("flood+ 10.0.0.11:6784")), da.calls.toString());

        fastPathBlocked = true;
        assertTrue(await(ab, m -> "sleeve".equals(m.get("name"))));
        String reason = ab.attrs().get("reason");
        assertTrue(reason.matches("no fast-path heartbeat on UDP 6784 from 10\\.0\\.0\\.11 for \\d+ s"), reason);
        assertTrue(eventually(() -> da.calls.contains("flood- 10.0.0.11:6784")), da.calls.toString());
        assertTrue(!ab.failed().toCompletableFuture().isDone(), "the sleeve still works: no failure");

        fastPathBlocked = false;
        assertTrue(await(ab, m -> "fastdp".equals(m.get("name"))), "back by itself");
        ab.stop();
        assertTrue(da.calls.contains("hb- 8a:00:00:00:00:0b"), da.calls.toString());
    }

    @Test
    void withoutTheFastPathOnEitherSideTheReasonSaysWhich() throws Exception {
        DataPlane a = plane(A, true, new Devices());
        DataPlane b = plane(B, false, new Devices());
        OverlayConnection ab = a.prepareConnection(params(B, true, features(b)));
        OverlayConnection ba = b.prepareConnection(params(A, false, features(a)));
        ab.confirm();
        ba.confirm();
        ab.established().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals("peer offers no fast path", ab.attrs().get("reason"));
        assertEquals("fast path disabled here (--no-fastdp)", ba.attrs().get("reason"));
        assertEquals("sleeve", ba.attrs().get("name"));
    }

    @Test
    void encryptedOrIpv6ConnectionsAreRefusedWithAReason() throws Exception {
        DataPlane a = plane(A, true, new Devices());
        OverlayConnectionParams p = params(B, true, Map.of());
        OverlayConnectionParams encrypted = new OverlayConnectionParams(B, 1, p.localAddress(), p.remoteAddress(), true,
                1, Optional.of(new byte[32]), Map.of(), m -> { });
        OverlayException e = assertThrows(OverlayException.class, () -> a.prepareConnection(encrypted));
        assertTrue(e.getMessage().contains("encrypted"), e.getMessage());
        OverlayConnectionParams v6 = new OverlayConnectionParams(B, 1, p.localAddress(),
                new InetSocketAddress(InetAddress.getByName("fd00::1"), 6783), true, 1, Optional.empty(), Map.of(),
                m -> { });
        assertTrue(assertThrows(OverlayException.class, () -> a.prepareConnection(v6)).getMessage().contains("IPv4"));
    }
}
