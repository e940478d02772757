package dev.weft.router.dataplane.sleeve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MacTableTest {
    private static final long MINUTE = 60_000_000_000L;

    @Test
    void macsAreLearntMovedAgedAndForgottenWithTheirPeer() {
        MacTable t = new MacTable(10 * MINUTE);
        assertEquals(MacTable.UNKNOWN, t.learn(0x020000000001L, 7, 0));
        assertEquals(7, t.lookup(0x020000000001L, MINUTE));
        assertEquals(7, t.learn(0x020000000001L, 9, MINUTE), "moved: the old place is returned");
        assertEquals(9, t.lookup(0x020000000001L, MINUTE));
        assertEquals(MacTable.UNKNOWN, t.lookup(0x020000000001L, 12 * MINUTE), "aged out after 10 minutes");

        for (long m = 1; m <= 5000; m++) {
            t.learn(m, m % 3, 20 * MINUTE);
        }
        assertEquals(5000 + 1, t.size());
        assertEquals(2, t.lookup(5000, 20 * MINUTE));
        assertEquals(1666, t.macsOf(0, 20 * MINUTE).length);
        t.expire(20 * MINUTE, peer -> peer == 0);
        assertEquals(MacTable.UNKNOWN, t.lookup(3, 20 * MINUTE));
        assertEquals(1, t.lookup(4, 20 * MINUTE));
        assertArrayEquals(new long[0], t.macsOf(0, 20 * MINUTE));
        t.expire(40 * MINUTE, peer -> false);
        assertEquals(0, t.size());
    }
}
