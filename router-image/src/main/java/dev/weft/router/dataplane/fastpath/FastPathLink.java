package dev.weft.router.dataplane.fastpath;

/**
 * Whether the fast path to one neighbour works, from its heartbeats: active once two requests in
 * a row were answered, inactive after {@link #FAIL_NANOS} without an answer (so a blocked port,
 * a NAT or a path too small for full frames moves the connection to the sleeve within seconds,
 * and it comes back as soon as answers resume). Pure state; the caller sends and receives.
 */
public final class FastPathLink {
    public static final long INTERVAL_NANOS = 500_000_000L;
    public static final long PROBING_INTERVAL_NANOS = 500_000_000L;
    public static final long FAIL_NANOS = 3_000_000_000L;
    static final int ANSWERS_TO_ACTIVATE = 2;

    private final long remoteName;
    private final int remoteIpv4;
    private final int remotePort;
    private final long uid;
    private final long startNanos;
    private long sequence;
    private long nextSend;
    private long lastAnswer;
    private int answersInARow;
    private long lastAnsweredSequence = -1;
    private boolean active;

    public FastPathLink(long remoteName, int remoteIpv4, int remotePort, long uid, long nowNanos) {
        this.remoteName = remoteName;
        this.remoteIpv4 = remoteIpv4;
        this.remotePort = remotePort;
        this.uid = uid;
        this.startNanos = nowNanos;
        this.nextSend = nowNanos;
    }

    public long remoteName() {
        return remoteName;
    }

    public int remoteIpv4() {
        return remoteIpv4;
    }

    public int remotePort() {
        return remotePort;
    }

    public long uid() {
        return uid;
    }

    /** The sequence number of a request to send now, or -1 when none is due. */
    public synchronized long due(long now) {
        if (now - nextSend < 0) {
            return -1;
        }
        if (sequence > 0 && lastAnsweredSequence != sequence - 1) {
            answersInARow = 0;
        }
        nextSend = now + (active ? INTERVAL_NANOS : PROBING_INTERVAL_NANOS);
        return sequence++;
    }

    /** An answer to request {@code seq} of this connection arrived. */
    public synchronized void answered(long answerUid, long seq, long now) {
        if (answerUid != uid || seq <= lastAnsweredSequence || seq >= sequence) {
            return;
        }
        lastAnsweredSequence = seq;
        lastAnswer = now;
        answersInARow++;
    }

    /** Re-evaluates; returns true when the link changed between active and inactive. */
    public synchronized boolean evaluate(long now) {
        boolean was = active;
        if (active) {
            active = now - lastAnswer < FAIL_NANOS;
        } else {
            active = answersInARow >= ANSWERS_TO_ACTIVATE && now - lastAnswer < FAIL_NANOS;
        }
        if (!active) {
            if (was) {
                answersInARow = 0;
            }
        }
        return was != active;
    }

    public synchronized boolean active() {
        return active;
    }

    /** Seconds without an answer: since the last one, or since the link began if none came. */
    public synchronized long silentSeconds(long now) {
        return (now - (lastAnswer == 0 ? startNanos : lastAnswer)) / 1_000_000_000L;
    }

    public synchronized boolean everAnswered() {
        return lastAnswer != 0;
    }
}
