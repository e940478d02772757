package dev.weft.router.iptables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.api.BackgroundFailures;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CanaryWatchdogTest {
    private final FakeIptables iptables = new FakeIptables();
    private final WeaveRules rules = new WeaveRules(iptables, RulesConfig.defaults("172.17.0.1"));
    private final AtomicInteger restored = new AtomicInteger();
    private final BackgroundFailures failures = new BackgroundFailures();
    private final CanaryWatchdog watchdog = new CanaryWatchdog(rules, restored::incrementAndGet, failures);

    @Test
    void aWatchdogClosedBeforeItStartsNeverRuns() {
        watchdog.close();
        watchdog.start();
        assertFalse(watchdog.running());
        CanaryWatchdog other = new CanaryWatchdog(rules, restored::incrementAndGet, failures);
        other.start();
        assertTrue(other.running());
        other.close();
        assertFalse(other.running());
    }

    @Test
    void intactRulesAreLeftAlone() {
        rules.setUp();
        int changes = iptables.changes();
        assertFalse(watchdog.checkOnce());
        assertEquals(changes, iptables.changes());
        assertEquals(0, restored.get());
    }

    @Test
    void aFlushedTableIsSetUpAgainAndExposuresRestored() {
        rules.setUp();
        // what "iptables -t nat -F; iptables -t nat -X" does to our nat part
        iptables.delete("nat", "POSTROUTING", List.of("-j", "WEAVE"));
        iptables.deleteChain("nat", "WEAVE");
        iptables.deleteChain("nat", "WEAVE-CANARY");

        assertTrue(watchdog.checkOnce());
        assertEquals(1, restored.get());
        assertTrue(iptables.chainExists("nat", "WEAVE-CANARY"));
        assertEquals(List.of(List.of("-j", "WEAVE")), iptables.rules("nat", "POSTROUTING"));
    }

    @Test
    void betweenWipesTheForwardBlockIsRepaired() {
        rules.setUp();
        iptables.delete("filter", "FORWARD", rules.forwardBlock().get(0));
        assertFalse(watchdog.checkOnce());
        assertEquals(rules.forwardBlock(), iptables.rules("filter", "FORWARD"));
    }

    @Test
    void aFailingCheckIsCountedAndTheTimerGoesOn() {
        rules.setUp();
        iptables.deleteChain("nat", "WEAVE-CANARY");
        CanaryWatchdog failing = new CanaryWatchdog(rules, () -> {
            throw new IllegalStateException("weave bridge is gone");
        }, failures);
        failing.checkInBackground();
        assertEquals(1, failures.count(BackgroundFailures.CANARY_WATCHDOG));
        failing.checkInBackground();
        assertEquals(1, failures.count(BackgroundFailures.CANARY_WATCHDOG), "restored by the first check");
    }
}
