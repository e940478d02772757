package dev.weft.router.dataplane.sleeve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.dataplane.lab.StaticMesh;
import dev.weft.router.dataplane.packet.TestFrames;
import dev.weft.router.dataplane.wire.AeadDatagramSealer;
import dev.weft.router.dataplane.wire.SleeveFormat;
import dev.weft.router.identity.PeerName;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Encrypted sleeves over the in-memory underlay: nothing in clear, replays and forgeries dropped and counted. */
class SleeveEncryptionTest {
    private static final PeerName A = PeerName.parse("8a:00:00:00:00:0a");
    private static final PeerName B = PeerName.parse("8a:00:00:00:00:0b");
    private static final PeerName C = PeerName.parse("8a:00:00:00:00:0c");
    private static final long MAC_A = TestFrames.MAC_A;
    private static final long MAC_C = 0x02_00_00_00_00_0cL;
    private static final long BROADCAST = 0xffff_ffff_ffffL;
    private static final byte[] SECRET_PAYLOAD = "weft-known-plaintext-0123456789".getBytes(StandardCharsets.US_ASCII);

    private final FakeNet net = new FakeNet();
    private final List<Sleeve> sleeves = new ArrayList<>();
    private final SecureRandom random = new SecureRandom();

    private record Host(PeerName name, Sleeve sleeve, FakeNet.Tap tap) {
    }

    private static int ip(PeerName p) {
        return 0x0a000000 | (int) (p.value() & 0xff);
    }

    private Host host(PeerName self, StaticMesh mesh) {
        FakeNet.Tap tap = new FakeNet.Tap();
        Sleeve sleeve = new Sleeve(self, tap, net.socket(ip(self)), mesh, mesh);
        sleeves.add(sleeve);
        return new Host(self, sleeve, tap);
    }

    /** Joins two sleeves as one encrypted connection: a fresh secret, each end its own sealer. */
    private void connect(Host a, Host b, long uid) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        a.sleeve().addNeighbour(b.name(), ip(b.name()), 6783,
                new AeadDatagramSealer(secret, a.name().value(), b.name().value()), uid);
        b.sleeve().addNeighbour(a.name(), ip(a.name()), 6783,
                new AeadDatagramSealer(secret, b.name().value(), a.name().value()), uid);
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

    private static ByteBuffer secretFrame(long to, long from) {
        ByteBuffer f = TestFrames.ethernet(to, from, 0x88b5, 100);
        f.put(20, SECRET_PAYLOAD);
        return f;
    }

    private static byte[] frameOf(byte[] written) {
        return java.util.Arrays.copyOfRange(written, 10, written.length);
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private List<Host> line() {
        List<PeerName> all = List.of(A, B, C);
        List<StaticMesh> meshes = List.of(StaticMesh.full(A, all), StaticMesh.full(B, all), StaticMesh.full(C, all));
        meshes.forEach(m -> m.cut(A, C));
        Host a = host(A, meshes.get(0));
        Host b = host(B, meshes.get(1));
        Host c = host(C, meshes.get(2));
        connect(a, b, 41);
        connect(b, c, 42);
        for (Host h : List.of(a, b, c)) {
            h.sleeve().start();
        }
        return List.of(a, b, c);
    }

    @Test
    void framesCrossEncryptedAndAreReencryptedAtTheRelay() throws Exception {
        List<Host> hosts = line();
        Host a = hosts.get(0);
        Host b = hosts.get(1);
        Host c = hosts.get(2);
        c.tap().capture(arp(MAC_C));
        assertNotNull(a.tap().written(2000), "C's broadcast reached A through B");
        net.tapping = true;
        a.tap().capture(secretFrame(MAC_C, MAC_A));
        byte[] got = c.tap().written(2000);
        assertNotNull(got, "A's frame reached C through B");
        assertTrue(contains(frameOf(got), SECRET_PAYLOAD), "delivered in clear to C's bridge");
        assertTrue(b.sleeve().stats().framesRelayed() >= 2);
        net.tapping = false;
        assertTrue(net.wiretap.stream().anyMatch(d -> d.fromIp() == ip(A) && d.fromPort() == ip(B)));
        assertTrue(net.wiretap.stream().anyMatch(d -> d.fromIp() == ip(B) && d.fromPort() == ip(C)),
                "both hops carried datagrams");
        for (FakeNet.Datagram d : net.wiretap) {
            assertFalse(contains(d.bytes(), SECRET_PAYLOAD), "the payload never crosses the underlay in clear");
            assertTrue((SleeveFormat.flags(ByteBuffer.wrap(d.bytes()), 0) & SleeveFormat.FLAG_SEALED) != 0);
        }
        assertEquals(0, b.sleeve().stats().droppedNotAuthentic() + c.sleeve().stats().droppedNotAuthentic());
    }

    @Test
    void replayedAndTamperedDatagramsAreDroppedAndCounted() throws Exception {
        List<PeerName> all = List.of(A, B);
        Host a = host(A, StaticMesh.full(A, all));
        Host b = host(B, StaticMesh.full(B, all));
        connect(a, b, 7);
        a.sleeve().start();
        b.sleeve().start();
        b.tap().capture(arp(0x02_00_00_00_00_0bL));
        assertNotNull(a.tap().written(2000));
        net.tapping = true;
        a.tap().capture(secretFrame(0x02_00_00_00_00_0bL, MAC_A));
        assertNotNull(b.tap().written(2000));
        net.tapping = false;
        byte[] recorded = net.wiretap.stream()
                .filter(d -> d.fromIp() == ip(A) && SleeveFormat.kind(ByteBuffer.wrap(d.bytes()), 0) == SleeveFormat.KIND_FRAMES)
                .findFirst().orElseThrow().bytes();

        net.inject(ip(B), recorded, ip(A));
        assertNull(b.tap().written(300), "a replayed datagram is not delivered");
        assertEquals(1, b.sleeve().stats().droppedReplayed());

        byte[] tampered = recorded.clone();
        tampered[SleeveFormat.HEADER + 20] ^= 0x40;
        ByteBuffer.wrap(tampered).putLong(8, 1L << 40);
        net.inject(ip(B), tampered, ip(A));
        byte[] unsealed = recorded.clone();
        unsealed[7] = 0;
        net.inject(ip(B), unsealed, ip(A));
        assertNull(b.tap().written(300), "tampered and unsealed datagrams are not delivered");
        assertEquals(2, b.sleeve().stats().droppedNotAuthentic());
        assertEquals(1, b.sleeve().stats().droppedReplayed());

        a.tap().capture(secretFrame(0x02_00_00_00_00_0bL, MAC_A));
        assertNotNull(b.tap().written(2000), "a forged high sequence did not move the replay window");
    }

    @Test
    void aTsoFrameCrossesEncryptedAsSegmentsAndArrivesWhole() throws Exception {
        List<PeerName> all = List.of(A, B);
        Host a = host(A, StaticMesh.full(A, all));
        Host b = host(B, StaticMesh.full(B, all));
        connect(a, b, 9);
        a.sleeve().start();
        b.sleeve().start();
        b.tap().capture(arp(0x02_00_00_00_00_0bL));
        assertNotNull(a.tap().written(2000));
        for (int round = 0; round < 3; round++) {
            ByteBuffer tso = dev.weft.router.dataplane.packet.TestFrames.tcp4(5000 + round, 0x18, 30 * 1324, true,
                    new byte[12]);
            dev.weft.router.dataplane.packet.FrameInfo f = new dev.weft.router.dataplane.packet.FrameInfo();
            f.parse(tso, 0, tso.limit());
            dev.weft.router.dataplane.packet.L4Checksums.makePartial(tso, f);
            ByteBuffer vnet = ByteBuffer.allocate(10);
            dev.weft.router.dataplane.packet.VnetHeader.write(vnet, 0, dev.weft.router.dataplane.packet.VnetHeader.NEEDS_CSUM,
                    dev.weft.router.dataplane.packet.VnetHeader.GSO_TCPV4, 66, 1324, 34, 16);
            a.tap().capture(vnet.array(), tso);
            // the receiver joins the segments of one receive batch; on a loaded machine the 30 segments
            // can arrive in two batches, so the payload may come as a few frames, never as 30
            int payload = 0;
            int frames = 0;
            while (payload < 30 * 1324) {
                byte[] got = b.tap().written(2000);
                assertNotNull(got, "round " + round + " after " + payload + " bytes: " + b.sleeve().stats());
                payload += got.length - 10 - 66;
                frames++;
            }
            assertEquals(30 * 1324, payload, "round " + round);
            assertTrue(frames <= 3, "round " + round + ": " + frames + " frames");
        }
        assertEquals(0, b.sleeve().stats().droppedNotAuthentic() + b.sleeve().stats().droppedReplayed(),
                b.sleeve().stats().toString());
    }
}
