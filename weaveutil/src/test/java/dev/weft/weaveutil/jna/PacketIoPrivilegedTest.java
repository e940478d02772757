package dev.weft.weaveutil.jna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.weaveutil.ns.NetNs;
import dev.weft.weaveutil.testsupport.Privileged;
import dev.weft.weaveutil.testsupport.ThrowawayNamespace;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** UDP GSO/GRO batches, offloaded TAP files and raw packet sockets in a throwaway namespace. */
@Tag("privileged")
class PacketIoPrivilegedTest {
    private static final int LOOPBACK = 0x7f000001;
    private ThrowawayNamespace namespace;
    private NetNs ns;

    @BeforeEach
    void setUp() {
        Privileged.assumeRootWithIproute2();
        namespace = ThrowawayNamespace.create();
        ns = namespace.open();
    }

    @AfterEach
    void tearDown() {
        if (ns != null) {
            ns.close();
        }
        if (namespace != null) {
            namespace.close();
        }
    }

    @Test
    void aGsoRunArrivesWholeAtAGroSocketWithItsSegmentSize() throws Exception {
        Inet4Address lo = (Inet4Address) InetAddress.getByName("127.0.0.1");
        try (UdpSocket sender = ns.call(() -> UdpSocket.bind(lo, 16783));
             UdpSocket receiver = ns.call(() -> UdpSocket.bind(lo, 16784))) {
            assertTrue(receiver.enableGro());
            sender.setDontFragmentProbing();
            IoBuffer out = IoBuffer.allocate(65536);
            for (int i = 0; i < 10; i++) {
                out.buffer().put(i * 1000, (byte) i);
            }
            SendList list = new SendList(4);
            list.add(out.address(), 9500, 1000, LOOPBACK, 16784);
            list.add(out.address(), 300, 1000, LOOPBACK, 16784);
            assertEquals(2, sender.send(list));
            assertEquals(0, list.error(0));

            ReceiveList in = new ReceiveList(8, 65536);
            int datagrams = 0;
            int bytes = 0;
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (bytes < 9800 && System.nanoTime() < deadline) {
                if (!receiver.awaitReadable(200)) {
                    continue;
                }
                int n = receiver.receive(in);
                for (int m = 0; m < n; m++) {
                    int seg = in.segmentSize(m) == 0 ? in.length(m) : in.segmentSize(m);
                    for (int off = 0; off < in.length(m); off += seg) {
                        if (bytes < 9500) {
                            assertEquals((byte) (bytes / 1000), in.buffer(m).get(off), "datagram order and content");
                        }
                        datagrams++;
                        bytes += Math.min(seg, in.length(m) - off);
                    }
                    assertEquals(LOOPBACK, in.sourceIpv4(m));
                    assertEquals(16783, in.sourcePort(m));
                }
            }
            assertEquals(9800, bytes);
            assertEquals(11, datagrams, "9 datagrams of 1000, one of 500, then one of 300");
        }
    }

    @Test
    void aDatagramBiggerThanTheDeviceIsRefusedWithEmsgsize() throws Exception {
        namespace.ip("link", "add", "d0", "mtu", "1200", "type", "veth", "peer", "name", "d1");
        namespace.ip("addr", "add", "10.9.0.1/24", "dev", "d0");
        namespace.ip("link", "set", "d0", "up");
        try (UdpSocket socket = ns.call(() -> UdpSocket.bind(null, 16783))) {
            socket.setDontFragmentProbing();
            IoBuffer out = IoBuffer.allocate(4096);
            int dst = 0x0a090002;
            assertEquals(0, socket.sendTo(out.address(), 1172, dst, 9));
            assertEquals(90, socket.sendTo(out.address(), 1173, dst, 9), "EMSGSIZE");
            assertEquals(1200, ns.call(() -> UdpSocket.kernelPathMtu(dst)));
        }
    }

    @Test
    void anOffloadedTapHandsOverFramesWithAVnetHeader() throws Exception {
        try (TunFile tap = ns.call(() -> TunFile.openTap("vethwe-tap", false, TapOptions.offloaded()))) {
            String details = namespace.ip("-d", "link", "show", "vethwe-tap");
            assertTrue(details.contains("vnet_hdr on"), details);
            namespace.exec("sysctl", "-q", "-w", "net.ipv6.conf.vethwe-tap.disable_ipv6=1");
            namespace.ip("addr", "add", "10.9.0.1/24", "dev", "vethwe-tap");
            namespace.ip("link", "set", "vethwe-tap", "up");
            IoBuffer in = IoBuffer.allocate(65536 + 10);
            // The kernel resolves 10.9.0.2 with an ARP request out of the tap.
            ProcessBuilder ping = new ProcessBuilder("ip", "netns", "exec", namespace.name(), "ping", "-c", "1", "-W",
                    "1", "10.9.0.2");
            Process p = ping.start();
            ByteBuffer b = in.buffer();
            boolean sawArp = false;
            long deadline = System.nanoTime() + 3_000_000_000L;
            while (!sawArp && System.nanoTime() < deadline) {
                tap.awaitReadable(100);
                int n = tap.read(in.address(), in.capacity());
                if (n >= 10 + 42 && b.getShort(10 + 12) == 0x0806) {
                    sawArp = true;
                    assertEquals(0, b.get(0), "no offload flags on an ARP request");
                    assertEquals(0, b.get(1), "not a GSO frame");
                    assertEquals(1, b.getShort(10 + 20), "ARP request");
                }
            }
            p.destroyForcibly();
            assertTrue(sawArp, "an ARP request came through the tap with its 10-byte vnet header");
            while (tap.read(in.address(), in.capacity()) >= 0) {
                // drain
            }
            assertEquals(-1, tap.read(in.address(), in.capacity()), "nothing queued: a non-blocking read returns");
        }
    }

    @Test
    void aRawPacketSocketSeesFramesFromTheOtherEndOfAVethButNotItsOwn() throws Exception {
        namespace.ip("link", "add", "a0", "type", "veth", "peer", "name", "b0");
        // without IPv6 the kernel sends nothing of its own (MLD reports) over the pair once it is up
        namespace.exec("sysctl", "-q", "-w", "net.ipv6.conf.a0.disable_ipv6=1");
        namespace.exec("sysctl", "-q", "-w", "net.ipv6.conf.b0.disable_ipv6=1");
        namespace.ip("link", "set", "a0", "up");
        namespace.ip("link", "set", "b0", "up");
        int a0 = Integer.parseInt(namespace.ip("-o", "link", "show", "a0").split(":")[0]);
        int b0 = Integer.parseInt(namespace.ip("-o", "link", "show", "b0").split(":")[0]);
        try (RawPacketSocket a = ns.call(() -> RawPacketSocket.open(a0));
             RawPacketSocket b = ns.call(() -> RawPacketSocket.open(b0))) {
            byte[] frame = new byte[1400];
            java.util.Arrays.fill(frame, 0, 6, (byte) 0xff);
            frame[6] = 2;
            frame[12] = (byte) 0x88;
            frame[13] = (byte) 0xb5;
            frame[20] = 42;
            assertEquals(0, a.send(frame, frame.length));
            byte[] got = new byte[2000];
            int n = -1;
            for (int i = 0; i < 20 && n < 0; i++) {
                b.awaitReadable(100);
                n = b.receive(got);
            }
            assertEquals(1400, n);
            assertEquals(42, got[20]);
            assertEquals(-1, a.receive(got), "the sender does not see its own frame");
        }
    }
}
