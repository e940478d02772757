package dev.weft.router.dataplane.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.weaveutil.jna.IoBuffer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Received segments of one flow become one large frame for the TAP; everything else passes singly. */
class TcpCoalescerTest {
    private static final int ACK = 0x10;
    private static final int PSH = 0x08;
    private static final byte[] TIMESTAMPS = {1, 1, 8, 10, 0, 0, 0, 7, 0, 0, 0, 9};

    private final List<byte[]> written = new ArrayList<>();
    private final TcpCoalescer coalescer = new TcpCoalescer((buffer, offset, length) -> {
        byte[] copy = new byte[length];
        buffer.buffer().get(offset, copy);
        written.add(copy);
        return 0;
    });
    private final IoBuffer rx = IoBuffer.allocate(65536);

    private void deliver(ByteBuffer frame) {
        rx.buffer().put(100, frame, 0, frame.limit());
        coalescer.deliver(rx, 100, frame.limit());
    }

    private static List<ByteBuffer> segments(ByteBuffer tso, int mss) {
        FrameInfo f = new FrameInfo();
        f.parse(tso, 0, tso.limit());
        List<ByteBuffer> out = new ArrayList<>();
        for (int i = 0; i < TcpSegmenter.segmentCount(f, mss); i++) {
            ByteBuffer s = ByteBuffer.allocate(2000);
            s.limit(TcpSegmenter.writeSegment(tso, f, mss, i, s, 0));
            out.add(s);
        }
        return out;
    }

    @Test
    void segmentsOfOneTsoFrameBecomeThatFrameAgainWithGsoMetadata() {
        ByteBuffer tso = TestFrames.tcp4(1000, ACK | PSH, 40 * 1300, true, TIMESTAMPS);
        segments(tso, 1300).forEach(this::deliver);
        coalescer.flush();
        assertEquals(1, written.size());
        ByteBuffer w = ByteBuffer.wrap(written.get(0));
        assertEquals(VnetHeader.NEEDS_CSUM, VnetHeader.flags(w, 0));
        assertEquals(VnetHeader.GSO_TCPV4, VnetHeader.gsoType(w, 0));
        assertEquals(1300, VnetHeader.gsoSize(w, 0));
        assertEquals(14 + 20 + 32, VnetHeader.headerLength(w, 0));
        assertEquals(34, VnetHeader.checksumStart(w, 0));
        assertEquals(16, VnetHeader.checksumOffset(w, 0));
        byte[] frame = new byte[w.limit() - 10];
        w.get(10, frame);
        ByteBuffer joined = ByteBuffer.wrap(frame);
        assertEquals(tso.limit(), frame.length);
        assertTrue(TestFrames.ipv4HeaderValid(joined, 14));
        assertEquals(PSH | ACK, joined.get(34 + 13) & 0xff);
        L4Checksums.finish(joined, 0, frame.length, 34, 16);
        assertTrue(TestFrames.l4ChecksumValid(joined, 0, frame.length));
        assertArrayEquals(tso.array(), frame);
        assertEquals(39, coalescer.segmentsJoined());
    }

    @Test
    void aGapInSequenceNumbersOrAnotherFlowEndsTheJoinedFrame() {
        List<ByteBuffer> s = segments(TestFrames.tcp4(0, ACK, 5 * 1000, true, new byte[0]), 1000);
        deliver(s.get(0));
        deliver(s.get(1));
        deliver(s.get(3));
        deliver(TestFrames.udp4(100, true, TestFrames.MAC_B));
        deliver(s.get(4));
        coalescer.flush();
        assertEquals(4, written.size());
        assertEquals(VnetHeader.GSO_TCPV4, VnetHeader.gsoType(ByteBuffer.wrap(written.get(0)), 0));
        assertEquals(10 + 14 + 20 + 20 + 2000, written.get(0).length);
        ByteBuffer single = ByteBuffer.wrap(written.get(1));
        assertEquals(VnetHeader.GSO_NONE, VnetHeader.gsoType(single, 0));
        assertEquals(VnetHeader.NEEDS_CSUM, VnetHeader.flags(single, 0));
        ByteBuffer udp = ByteBuffer.wrap(written.get(2));
        assertEquals(34, VnetHeader.checksumStart(udp, 0));
        assertEquals(6, VnetHeader.checksumOffset(udp, 0));
        L4Checksums.finish(udp, 10, udp.limit() - 10, 34, 6);
        assertTrue(TestFrames.l4ChecksumValid(udp, 10, udp.limit() - 10));
    }

    @Test
    void ipv6SegmentsJoinToo() {
        ByteBuffer tso = TestFrames.tcp6(77, ACK, 10 * 1200);
        segments(tso, 1200).forEach(this::deliver);
        coalescer.flush();
        assertEquals(1, written.size());
        ByteBuffer w = ByteBuffer.wrap(written.get(0));
        assertEquals(VnetHeader.GSO_TCPV6, VnetHeader.gsoType(w, 0));
        byte[] frame = new byte[w.limit() - 10];
        w.get(10, frame);
        ByteBuffer joined = ByteBuffer.wrap(frame);
        L4Checksums.finish(joined, 0, frame.length, 54, 16);
        assertArrayEquals(tso.array(), frame);
    }

    @Test
    void nonIpFramesPassUntouchedWithAnEmptyVnetHeader() {
        ByteBuffer arp = TestFrames.ethernet(0xffff_ffff_ffffL, TestFrames.MAC_A, 0x0806, 28);
        arp.put(20, (byte) 1);
        deliver(arp);
        assertEquals(1, written.size());
        ByteBuffer w = ByteBuffer.wrap(written.get(0));
        assertEquals(0, w.getLong(0));
        assertEquals(0x0806, w.getShort(10 + 12));
        assertEquals(10 + 42, w.limit());
    }
}
