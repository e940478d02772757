package dev.weft.router.dataplane.wire;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReplayWindowTest {

    @Test
    void eachSequenceIsAcceptedOnceAndReorderingWithinTheWindowIsFine() {
        ReplayWindow w = new ReplayWindow();
        for (long s : new long[] {0, 2, 1, 5, 3, 4}) {
            assertTrue(w.accept(s), "first " + s);
        }
        for (long s = 0; s <= 5; s++) {
            assertFalse(w.check(s), "again " + s);
            assertFalse(w.accept(s), "again " + s);
        }
        assertTrue(w.accept(5 + ReplayWindow.SIZE - 1));
        assertTrue(w.check(6 + 1), "still inside the window and never seen");
        assertFalse(w.check(5), "slid out of the window");
        assertFalse(w.check(-1));
    }

    @Test
    void aBigJumpForgetsTheOldBitsButNotTheNewOnes() {
        ReplayWindow w = new ReplayWindow();
        for (long s = 0; s < 3000; s++) {
            assertTrue(w.accept(s));
        }
        assertTrue(w.accept(1_000_000));
        assertFalse(w.check(1_000_000));
        assertTrue(w.check(999_999));
        assertTrue(w.check(1_000_000 - ReplayWindow.SIZE + 1));
        assertFalse(w.check(1_000_000 - ReplayWindow.SIZE));
        assertTrue(w.accept(999_000));
        assertFalse(w.accept(999_000));
    }
}
