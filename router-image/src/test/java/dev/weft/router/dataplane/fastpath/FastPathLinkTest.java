package dev.weft.router.dataplane.fastpath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class FastPathLinkTest {
    private static final long S = 1_000_000_000L;

    @Test
    void twoAnswersActivateAndThreeSilentSecondsDeactivate() {
        FastPathLink link = new FastPathLink(2, 0xc612000c, 6784, 99, 0);
        long seq = link.due(0);
        assertEquals(0, seq);
        assertEquals(-1, link.due(S / 10), "not due again yet");
        link.answered(99, seq, S / 100);
        assertFalse(link.evaluate(S / 100));
        link.answered(99, link.due(S / 2), S / 2 + 1);
        assertTrue(link.evaluate(S / 2 + 1));
        assertTrue(link.active());
        link.answered(7, link.due(S), S + 1);
        assertTrue(link.active(), "an answer for another connection does not count but does not harm yet");
        assertFalse(link.evaluate(3 * S));
        assertTrue(link.evaluate(4 * S), "3 s after the last answer");
        assertFalse(link.active());
        assertEquals(3, link.silentSeconds(4 * S));
    }

    @Test
    void heartbeatFramesRoundTripAndAreFullSize() {
        ByteBuffer b = ByteBuffer.allocate(1390);
        int n = HeartbeatFrame.write(b, 0x8a0000000002L, 0x8a0000000001L, HeartbeatFrame.REQUEST, 42, 7, 1390);
        assertEquals(1390, n);
        assertEquals(HeartbeatFrame.REQUEST, HeartbeatFrame.type(b, n));
        assertEquals(0x8a0000000001L, HeartbeatFrame.from(b));
        assertEquals(42, HeartbeatFrame.uid(b));
        assertEquals(7, HeartbeatFrame.sequence(b));
        b.putShort(12, (short) 0x0800);
        assertEquals(0, HeartbeatFrame.type(b, n), "not a heartbeat");
    }
}
