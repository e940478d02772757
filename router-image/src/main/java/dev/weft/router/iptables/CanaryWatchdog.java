package dev.weft.router.iptables;

import dev.weft.router.api.BackgroundFailures;
import dev.weft.router.concurrent.DaemonThreads;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every 10 s checks that the {@code WEAVE-CANARY} chains still exist; when one is gone (a firewall
 * reload flushed the tables), sets all rules up again and runs {@code onRestored} so that exposed
 * addresses get their rules back. Also keeps the FORWARD block in place in between.
 */
public final class CanaryWatchdog implements AutoCloseable {
    public static final long PERIOD_SECONDS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(CanaryWatchdog.class);

    private final WeaveRules rules;
    private final Runnable onRestored;
    private final BackgroundFailures failures;
    private ScheduledExecutorService timer;
    private boolean closed;

    public CanaryWatchdog(WeaveRules rules, Runnable onRestored, BackgroundFailures failures) {
        this.rules = rules;
        this.onRestored = onRestored;
        this.failures = failures;
    }

    /** Starts the periodic check; once closed, never again (the rules may be applied after a failed start closed it). */
    public synchronized void start() {
        if (timer != null || closed) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("iptables-canary"));
        timer.scheduleWithFixedDelay(this::checkInBackground, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    synchronized boolean running() {
        return timer != null;
    }

    /**
     * One check.
     *
     * @return true if the rules had been wiped and were restored
     */
    public boolean checkOnce() {
        if (rules.canariesPresent()) {
            rules.ensureForwardBlock();
            return false;
        }
        LOG.warn("iptables canary chain missing: the rules were flushed; setting them up again");
        rules.setUp();
        onRestored.run();
        return true;
    }

    /** One check as the timer runs it: a failure is logged and counted, and the next check comes as planned. */
    void checkInBackground() {
        failures.guard(BackgroundFailures.CANARY_WATCHDOG, LOG, "iptables check", this::checkOnce).run();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
