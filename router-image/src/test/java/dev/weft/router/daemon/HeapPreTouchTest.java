package dev.weft.router.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.daemon.HeapPreTouch.Plan;
import dev.weft.router.daemon.HeapPreTouch.Pool;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeapPreTouchTest {
    private static final long MIB = 1L << 20;

    @Test
    void theOldGenerationsFreeSpaceInOneArrayThenEdenInPieces() {
        Plan plan = HeapPreTouch.plan(List.of(new Pool("Eden Space", 8 * MIB, 3 * MIB),
                new Pool("Survivor Space", MIB, 0), new Pool("Tenured Gen", 21 * MIB, 5 * MIB)));
        assertEquals(new Plan(15 * MIB, 8 * MIB), plan);
    }

    @Test
    void anOldGenerationWithLessFreeThanEdenIsLeftToTheCollector() {
        // an array smaller than eden would be put in eden, not in the old generation
        Plan plan = HeapPreTouch.plan(List.of(new Pool("Eden Space", 8 * MIB, 0), new Pool("Tenured Gen", 21 * MIB,
                14 * MIB)));
        assertEquals(new Plan(0, 8 * MIB), plan);
    }

    @Test
    void otherCollectorsPoolsAreLeftAlone() {
        assertTrue(HeapPreTouch.plan(List.of(new Pool("G1 Eden Space", 8 * MIB, 0),
                new Pool("G1 Old Gen", 32 * MIB, 0))).isEmpty());
        assertTrue(HeapPreTouch.plan(List.of()).isEmpty());
    }
}
