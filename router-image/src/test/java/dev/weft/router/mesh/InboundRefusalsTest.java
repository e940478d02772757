package dev.weft.router.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class InboundRefusalsTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void oneRowPerHostWithTheLatestReasonAndTheAttemptCount() {
        InboundRefusals r = new InboundRefusals();
        r.refused("10.0.0.3", "10.0.0.3:40001", ConnectionFailure.retryable("password mismatch"), 0);
        r.refused("10.0.0.3", "10.0.0.3:40002", ConnectionFailure.retryable("password mismatch"), 5 * SECOND);
        List<InboundRefusals.Refusal> now = r.current(6 * SECOND);
        assertEquals(1, now.size());
        assertEquals("10.0.0.3:40002", now.get(0).address());
        assertEquals(2, now.get(0).count());
    }

    @Test
    void aHostThatJoinsOrStopsTryingGoes() {
        InboundRefusals r = new InboundRefusals();
        r.refused("10.0.0.3", "10.0.0.3:40001", ConnectionFailure.retryable("x"), 0);
        r.refused("10.0.0.4", "10.0.0.4:40001", ConnectionFailure.retryable("y"), 0);
        r.joined("10.0.0.3");
        assertEquals(List.of("10.0.0.4"), r.current(SECOND).stream().map(InboundRefusals.Refusal::host).toList());
        assertTrue(r.current(InboundRefusals.KEEP.toNanos() + SECOND).isEmpty());
    }

    @Test
    void manyFailingHostsKeepOnlyTheLatest() {
        InboundRefusals r = new InboundRefusals();
        for (int i = 0; i < 1000; i++) {
            r.refused("10.0." + (i / 256) + "." + (i % 256), "a", ConnectionFailure.retryable("x"), i);
        }
        List<InboundRefusals.Refusal> now = r.current(1000);
        assertEquals(InboundRefusals.LIMIT, now.size());
        assertEquals("10.0.3.231", now.get(now.size() - 1).host());
    }
}
