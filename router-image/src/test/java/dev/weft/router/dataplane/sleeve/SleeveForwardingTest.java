package dev.weft.router.dataplane.sleeve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.dataplane.lab.StaticMesh;
import dev.weft.router.dataplane.packet.FrameInfo;
import dev.weft.router.dataplane.packet.L4Checksums;
import dev.weft.router.dataplane.packet.TestFrames;
import dev.weft.router.dataplane.packet.VnetHeader;
import dev.weft.router.dataplane.wire.DatagramSealer;
import dev.weft.router.identity.PeerName;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sleeves joined by an in-memory underlay: switching, relaying, flooding, segmentation and path MTU. */
class SleeveForwardingTest {
    private static final PeerName A = PeerName.parse("8a:00:00:00:00:0a");
    private static final PeerName B = PeerName.parse("8a:00:00:00:00:0b");
    private static final PeerName C = PeerName.parse("8a:00:00:00:00:0c");
    private static final long MAC_A = TestFrames.MAC_A;
    private static final long MAC_B = TestFrames.MAC_B;
    private static final long MAC_C = 0x02_00_00_00_00_0cL;
    private static final long BROADCAST = 0xffff_ffff_ffffL;

    private final FakeNet net = new FakeNet();
    private final List<Sleeve> sleeves = new ArrayList<>();

    private record Host(Sleeve sleeve, FakeNet.Tap tap, StaticMesh mesh) {
    }

    private static int ip(PeerName p) {
        return 0x0a000000 | (int) (p.value() & 0xff);
    }

    private Host host(PeerName self, StaticMesh mesh) {
        FakeNet.Tap tap = new FakeNet.Tap();
        Sleeve sleeve = new Sleeve(self, tap, net.socket(ip(self)), mesh, mesh);
        sleeves.add(sleeve);
        return new Host(sleeve, tap, mesh);
    }

    private static void connect(Host a, PeerName aName, Host b, PeerName bName) {
        a.sleeve().addNeighbour(bName, ip(bName), 6783, DatagramSealer.PLAIN, 42);
        b.sleeve().addNeighbour(aName, ip(aName), 6783, DatagramSealer.PLAIN, 42);
    }

    @AfterEach
    void close() {
        sleeves.forEach(Sleeve::close);
    }

    private static ByteBuffer arp(long from) {
        ByteBuffer f = TestFrames.ethernet(BROADCAST, from, 0x0806, 28);
        f.put(21, (byte) 1);
        return f;
    }

    private static ByteBuffer unicast(long to, long from, int marker) {
        ByteBuffer f = TestFrames.ethernet(to, from, 0x88b5, 100);
        f.put(20, (byte) marker);
        return f;
    }

    private static byte[] frameOf(byte[] written) {
        return java.util.Arrays.copyOfRange(written, 10, written.length);
    }

    @Test
    void broadcastsReachTheOtherPeerAndItsMacIsLearntForUnicast() throws Exception {
        List<PeerName> all = List.of(A, B);
        Host a = host(A, StaticMesh.full(A, all));
        Host b = host(B, StaticMesh.full(B, all));
        connect(a, A, b, B);
        a.sleeve().start();
        b.sleeve().start();

        b.tap().capture(arp(MAC_B));
        byte[] got = a.tap().written(2000);
        assertNotNull(got, "B's broadcast reached A's bridge");
        assertArrayEquals(arp(MAC_B).array(), frameOf(got));
        assertNull(b.tap().written(100), "a peer never gets its own broadcast back");

        a.tap().capture(unicast(MAC_B, MAC_A, 7));
        byte[] reply = b.tap().written(2000);
        assertNotNull(reply);
        assertEquals(7, frameOf(reply)[20]);
        assertEquals(1, b.sleeve().macsAt(A).length, "B learnt where MAC_A lives");
        assertEquals(MAC_A, b.sleeve().macsAt(A)[0]);
    }

    @Test
    void withoutADirectLinkFramesAreRelayedAndBroadcastsArriveOnceEverywhere() throws Exception {
        List<PeerName> all = List.of(A, B, C);
        StaticMesh ma = StaticMesh.full(A, all);
        StaticMesh mb = StaticMesh.full(B, all);
        StaticMesh mc = StaticMesh.full(C, all);
        for (StaticMesh m : List.of(ma, mb, mc)) {
            m.cut(A, C);
        }
        Host a = host(A, ma);
        Host b = host(B, mb);
        Host c = host(C, mc);
        connect(a, A, b, B);
        connect(b, B, c, C);
        for (Host h : List.of(a, b, c)) {
            h.sleeve().start();
        }

        c.tap().capture(arp(MAC_C));
        assertNotNull(a.tap().written(2000), "C's broadcast reached A through B");
        assertNotNull(b.tap().written(2000), "and B itself");
        assertNull(a.tap().written(200), "once");
        assertNull(b.tap().written(10), "once");

        a.tap().capture(unicast(MAC_C, MAC_A, 9));
        byte[] got = c.tap().written(2000);
        assertNotNull(got, "A reached C's container through B");
        assertEquals(9, frameOf(got)[20]);
        assertNull(b.tap().written(200), "B relayed without delivering to its own bridge");
        assertTrue(b.sleeve().stats().framesRelayed() >= 2);
    }

    @Test
    void aTsoFrameCrossesAsSegmentsAndArrivesJoinedAgain() throws Exception {
        List<PeerName> all = List.of(A, B);
        Host a = host(A, StaticMesh.full(A, all));
        Host b = host(B, StaticMesh.full(B, all));
        connect(a, A, b, B);
        a.sleeve().start();
        b.sleeve().start();
        b.tap().capture(arp(MAC_B));
        assertNotNull(a.tap().written(2000));

        ByteBuffer tso = TestFrames.tcp4(5000, 0x18, 30 * 1324, true, new byte[12]);
        FrameInfo f = new FrameInfo();
        f.parse(tso, 0, tso.limit());
        L4Checksums.makePartial(tso, f);
        ByteBuffer vnet = ByteBuffer.allocate(10);
        VnetHeader.write(vnet, 0, VnetHeader.NEEDS_CSUM, VnetHeader.GSO_TCPV4, 66, 1324, 34, 16);
        a.tap().capture(vnet.array(), tso);

        byte[] got = b.tap().written(2000);
        assertNotNull(got);
        ByteBuffer w = ByteBuffer.wrap(got);
        assertEquals(VnetHeader.GSO_TCPV4, VnetHeader.gsoType(w, 0));
        assertEquals(1324, VnetHeader.gsoSize(w, 0));
        assertArrayEquals(tso.array(), frameOf(got));
        assertTrue(net.socket(0x0a0000ff) != null);
    }

    @Test
    void aSmallerPathIsFoundAndTooBigFramesAreAnsweredOrFragmented() throws Exception {
        net.pathMtu = 1200;
        List<PeerName> all = List.of(A, B);
        Host a = host(A, StaticMesh.full(A, all));
        Host b = host(B, StaticMesh.full(B, all));
        connect(a, A, b, B);
        a.sleeve().start();
        b.sleeve().start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        SleevePeer toB = a.sleeve().peers().get(0);
        while (!a.sleeve().pathMtuVerified(toB) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(1200, toB.pathMtu(), "the silent 1200-byte path was found");
        b.tap().capture(arp(MAC_B));
        assertNotNull(a.tap().written(2000));

        ByteBuffer big = TestFrames.tcp4(1, 0x10, 1376 - 52, true, new byte[12]);
        a.tap().capture(big);
        byte[] answer = a.tap().written(2000);
        assertNotNull(answer, "ICMP fragmentation needed came back to the sender");
        ByteBuffer icmp = ByteBuffer.wrap(frameOf(answer));
        assertEquals(3, icmp.get(34));
        assertEquals(4, icmp.get(35));
        assertEquals(1200 - 28 - 16 - 14 - 14, icmp.getShort(40));

        ByteBuffer udp = TestFrames.udp4(1376 - 28, false, MAC_B);
        a.tap().capture(udp);
        byte[] first = b.tap().written(2000);
        byte[] second = b.tap().written(2000);
        assertNotNull(first);
        assertNotNull(second, "a packet without DF arrives in fragments");
        assertTrue((ByteBuffer.wrap(frameOf(first)).getShort(20) & 0x2000) != 0);
    }
}
