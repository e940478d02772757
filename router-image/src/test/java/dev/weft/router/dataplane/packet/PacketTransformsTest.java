package dev.weft.router.dataplane.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Checksums, TCP segmentation, ICMP too-big answers and IPv4 fragmentation, on bytes only. */
class PacketTransformsTest {
    private static final int ACK = 0x10;
    private static final int PSH = 0x08;
    private static final int FIN = 0x01;
    private static final byte[] TIMESTAMPS = {1, 1, 8, 10, 0, 0, 0, 7, 0, 0, 0, 9};

    @Test
    void theRfc1071ExampleSumsTo220d() {
        ByteBuffer b = ByteBuffer.wrap(new byte[] {0x00, 0x01, (byte) 0xf2, 0x03, (byte) 0xf4, (byte) 0xf5,
                (byte) 0xf6, (byte) 0xf7});
        assertEquals(0xddf2, Checksum.fold(Checksum.add(b, 0, 8, 0)));
        assertEquals(0x220d, Checksum.finish(Checksum.add(b, 0, 8, 0)));
        ByteBuffer odd = ByteBuffer.wrap(new byte[] {0x01, 0x02, 0x03});
        assertEquals(0x0402, Checksum.fold(Checksum.add(odd, 0, 3, 0)));
    }

    @Test
    void aTsoFrameIsCutIntoMssSegmentsThatEachCarryValidHeaders() {
        ByteBuffer tso = TestFrames.tcp4(1000, ACK | PSH | FIN, 4500, true, TIMESTAMPS);
        FrameInfo f = new FrameInfo();
        assertTrue(f.parse(tso, 0, tso.limit()));
        assertEquals(4, TcpSegmenter.segmentCount(f, 1200));
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        ByteBuffer out = ByteBuffer.allocate(2000);
        FrameInfo s = new FrameInfo();
        for (int i = 0; i < 4; i++) {
            int n = TcpSegmenter.writeSegment(tso, f, 1200, i, out, 0);
            assertEquals(TcpSegmenter.segmentLength(f, 1200, i), n);
            assertEquals(i < 3 ? 14 + 20 + 32 + 1200 : 14 + 20 + 32 + 900, n);
            s.parse(out, 0, n);
            assertEquals(n - 14, s.ipTotalLength);
            assertTrue(TestFrames.ipv4HeaderValid(out, 14));
            assertEquals(0x1234 + i, out.getShort(18) & 0xffff);
            assertEquals(1000 + 1200 * i, out.getInt(34 + 4));
            int flags = out.get(34 + 13);
            assertEquals(i == 3 ? ACK | PSH | FIN : ACK, flags & 0xff);
            L4Checksums.finish(out, 0, n, 34, 16);
            assertTrue(TestFrames.l4ChecksumValid(out, 0, n), "segment " + i);
            byte[] data = new byte[n - 66];
            out.get(66, data);
            payload.writeBytes(data);
        }
        byte[] original = new byte[4500];
        tso.get(66, original);
        assertArrayEquals(original, payload.toByteArray());
    }

    @Test
    void ipv6SegmentsGetTheirPayloadLength() {
        ByteBuffer tso = TestFrames.tcp6(5, ACK, 3000);
        FrameInfo f = new FrameInfo();
        f.parse(tso, 0, tso.limit());
        ByteBuffer out = ByteBuffer.allocate(2000);
        int n = TcpSegmenter.writeSegment(tso, f, 1400, 2, out, 0);
        assertEquals(14 + 40 + 20 + 200, n);
        assertEquals(220, out.getShort(18));
        L4Checksums.finish(out, 0, n, 54, 16);
        assertTrue(TestFrames.l4ChecksumValid(out, 0, n));
    }

    @Test
    void aPartialChecksumFinishesToTheSameValueAsAFullOne() {
        ByteBuffer udp = TestFrames.udp4(333, false, TestFrames.MAC_B);
        short full = udp.getShort(40);
        FrameInfo f = new FrameInfo();
        f.parse(udp, 0, udp.limit());
        L4Checksums.makePartial(udp, f);
        assertTrue(full != udp.getShort(40));
        assertTrue(L4Checksums.isStandardPosition(f, 34, 6));
        L4Checksums.finish(udp, 0, udp.limit(), 34, 6);
        assertEquals(full, udp.getShort(40));
    }

    @Test
    void aTooBigIpv4PacketWithDfGetsFragmentationNeededFromItsDestination() {
        ByteBuffer big = TestFrames.tcp4(1, ACK, 1400, true, new byte[0]);
        FrameInfo f = new FrameInfo();
        f.parse(big, 0, big.limit());
        assertTrue(TooBig.answers(big, f));
        ByteBuffer out = ByteBuffer.allocate(200);
        int n = TooBig.write(big, f, 1200, out, 0);
        FrameInfo icmp = new FrameInfo();
        icmp.parse(out, 0, n);
        assertEquals(FrameInfo.PROTO_ICMP, icmp.protocol);
        assertEquals(TestFrames.MAC_A, FrameInfo.destinationMac(out, 0));
        assertEquals(TestFrames.MAC_B, FrameInfo.sourceMac(out, 0));
        assertEquals(TestFrames.IP_B, out.getInt(26));
        assertEquals(TestFrames.IP_A, out.getInt(30));
        assertEquals(3, out.get(34));
        assertEquals(4, out.get(35));
        assertEquals(1200, out.getShort(34 + 6));
        assertTrue(TestFrames.ipv4HeaderValid(out, 14));
        assertEquals(0xffff, Checksum.fold(Checksum.add(out, 34, n - 34, 0)));
        assertEquals(0x45, out.get(42), "the quote starts with the original IP header");
        assertEquals(14 + 20 + 8 + 20 + 64, n);

        ByteBuffer noDf = TestFrames.udp4(1400, false, TestFrames.MAC_B);
        f.parse(noDf, 0, noDf.limit());
        assertFalse(TooBig.answers(noDf, f), "without DF the packet is fragmented instead");
        ByteBuffer broadcast = TestFrames.udp4(1400, true, 0xffff_ffff_ffffL);
        f.parse(broadcast, 0, broadcast.limit());
        assertFalse(TooBig.answers(broadcast, f));
    }

    @Test
    void aTooBigIpv6PacketGetsPacketTooBigWithAValidChecksum() {
        ByteBuffer big = TestFrames.tcp6(1, ACK, 1400);
        FrameInfo f = new FrameInfo();
        f.parse(big, 0, big.limit());
        assertTrue(TooBig.answers(big, f));
        ByteBuffer out = ByteBuffer.allocate(1400);
        int n = TooBig.write(big, f, 1280, out, 0);
        assertEquals(14 + 1280, n);
        assertEquals(2, out.get(54));
        assertEquals(1280, out.getInt(58));
        assertTrue(TestFrames.l4ChecksumValid(out, 0, n));
    }

    @Test
    void aPacketWithoutDfIsFragmentedIntoPiecesThatReassembleToIt() {
        ByteBuffer udp = TestFrames.udp4(3000, false, TestFrames.MAC_B);
        FrameInfo f = new FrameInfo();
        f.parse(udp, 0, udp.limit());
        assertEquals(3, Ipv4Fragmenter.count(f, 1200));
        ByteBuffer out = ByteBuffer.allocate(1300);
        byte[] whole = new byte[3008];
        int offsetSum = 0;
        for (int i = 0; i < 3; i++) {
            int n = Ipv4Fragmenter.write(udp, f, 1200, i, out, 0);
            assertTrue(n - 14 <= 1200);
            assertTrue(TestFrames.ipv4HeaderValid(out, 14));
            int field = out.getShort(20) & 0xffff;
            assertEquals(i < 2, (field & 0x2000) != 0, "more fragments");
            int offset = (field & 0x1fff) * 8;
            assertEquals(offsetSum, offset);
            out.get(34, whole, offset, n - 34);
            offsetSum += n - 34;
            FrameInfo frag = new FrameInfo();
            frag.parse(out, 0, n);
            assertTrue(frag.fragment);
            assertFalse(L4Checksums.canBePartial(frag));
        }
        assertEquals(3008, offsetSum);
        byte[] original = new byte[3008];
        udp.get(34, original);
        assertArrayEquals(original, whole);
    }
}
