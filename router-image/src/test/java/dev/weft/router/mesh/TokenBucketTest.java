package dev.weft.router.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long MS = 1_000_000L;

    @Test
    void twentyAtOnceThenOneEveryFiftyMilliseconds() {
        TokenBucket bucket = TokenBucket.forAccepts(0);
        for (int i = 0; i < 20; i++) {
            assertTrue(bucket.tryTake(0), "token " + i);
        }
        assertFalse(bucket.tryTake(0));
        assertEquals(50 * MS, bucket.nanosUntilToken(0));
        assertFalse(bucket.tryTake(49 * MS));
        assertTrue(bucket.tryTake(50 * MS));
        assertFalse(bucket.tryTake(60 * MS));
        assertTrue(bucket.tryTake(100 * MS));
    }

    @Test
    void anIdleBucketRefillsOnlyToItsCapacity() {
        TokenBucket bucket = TokenBucket.forAccepts(0);
        int taken = 0;
        while (bucket.tryTake(10_000 * MS)) {
            taken++;
        }
        assertEquals(20, taken);
    }
}
