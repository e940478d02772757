package dev.weft.router.iptables;

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
    private ScheduledExecutorService timer;

    public CanaryWatchdog(WeaveRules rules, Runnable onRestored) {
        this.rules = rules;
        this.onRestored = onRestored;
    }

    public synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "iptables-canary");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::checkQuietly, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
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

    private void checkQuietly() {
        try {
            checkOnce();
        } catch (RuntimeException e) {
            LOG.warn("iptables check failed: {}", e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
