package dev.weft.router.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TargetTest {

    private static final long S = 1_000_000_000L;

    @Test
    void delaysAreJitteredAroundAnIntervalThatGrowsByHalfUpToSixMinutes() {
        Random random = new Random(3);
        Target t = Target.now(0);
        double interval = 2 * S;
        for (int failure = 1; failure <= 20; failure++) {
            long now = 1000 * S;
            t.tryLater(now, random);
            long delay = t.tryAfter - now;
            assertTrue(delay >= interval / 2 - 1 && delay < interval * 1.5 + 1,
                    "failure " + failure + ": delay " + delay / 1e9 + " s for interval " + interval / 1e9);
            interval = Math.min(interval * 1.5, Duration.ofMinutes(6).toNanos());
        }
        assertEquals(Duration.ofMinutes(6).toNanos(), t.interval);
    }

    @Test
    void aConnectionThatLastedRedialsAtOnceAndSelfConnectionsNever() {
        Random random = new Random(4);
        Target t = Target.now(0);
        t.ended(ConnectionFailure.closedByRemote(), 61 * S, random);
        assertEquals(61 * S, t.tryAfter, "ended over a minute after its attempt: retry now");
        t.ended(ConnectionFailure.closedByRemote(), 62 * S, random);
        assertTrue(t.tryAfter > 62 * S, "ended soon after: back off");
        t.ended(ConnectionFailure.selfConnection(), 63 * S, random);
        assertTrue(t.never);
        t.tryNow(70 * S);
        assertEquals(70 * S, t.tryAfter, "connect again retries now");
    }
}
