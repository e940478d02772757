package dev.weft.router.dataplane.sleeve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PathMtuSearchTest {

    /** Runs a search against a path that carries packets up to {@code actual} bytes; returns probes sent. */
    private static int search(PathMtuSearch s, int actual) {
        int probes = 0;
        while (!s.done()) {
            int size = s.probeSize();
            probes++;
            if (size <= actual) {
                s.answered(size);
            } else {
                s.timedOut();
            }
            assertTrue(probes < 200, "the search ends");
        }
        return probes;
    }

    @Test
    void theKernelsEstimateIsConfirmedWithOneProbe() {
        PathMtuSearch s = new PathMtuSearch(576, 1500);
        assertEquals(1500, s.probeSize());
        assertEquals(1, search(s, 1500));
        assertEquals(1500, s.verified());
    }

    @Test
    void aSilentlySmallerPathIsFoundExactly() {
        for (int actual : new int[] {1200, 1426, 577, 1499, 576}) {
            PathMtuSearch s = new PathMtuSearch(576, 1500);
            search(s, actual);
            assertEquals(actual, s.verified(), "path of " + actual);
        }
    }

    @Test
    void eachFailingSizeIsTriedSeveralTimesBeforeItCountsAsTooBig() {
        PathMtuSearch s = new PathMtuSearch(576, 1500);
        for (int i = 0; i < PathMtuSearch.TRIES - 1; i++) {
            assertEquals(i, s.tryNumber());
            s.timedOut();
            assertEquals(1500, s.probeSize());
        }
        s.timedOut();
        assertEquals(576 + (1500 - 576) / 2, s.probeSize());
        s.refused();
        assertTrue(s.probeSize() < 1038);
    }
}
