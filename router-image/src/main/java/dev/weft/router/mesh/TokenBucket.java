package dev.weft.router.mesh;

/**
 * Accept-rate limiting (SPEC §7.2): a bucket of {@code capacity} tokens, one added every
 * {@code refillNanos}; each accepted connection takes one. Pure: the caller passes the time.
 */
public final class TokenBucket {

    private final int capacity;
    private final long refillNanos;
    private long emptyAt;

    public TokenBucket(int capacity, long refillNanos, long nowNanos) {
        this.capacity = capacity;
        this.refillNanos = refillNanos;
        this.emptyAt = nowNanos - capacity * refillNanos;
    }

    /** The accept limiter of the mesh port: 20 tokens, one per 50 ms. */
    public static TokenBucket forAccepts(long nowNanos) {
        return new TokenBucket(20, 50_000_000L, nowNanos);
    }

    /** Takes a token if there is one. */
    public synchronized boolean tryTake(long nowNanos) {
        long floor = nowNanos - capacity * refillNanos;
        if (emptyAt < floor) {
            emptyAt = floor;
        }
        if (emptyAt + refillNanos > nowNanos) {
            return false;
        }
        emptyAt += refillNanos;
        return true;
    }

    /** How long until a token is there (0 if one is). */
    public synchronized long nanosUntilToken(long nowNanos) {
        return Math.max(0, emptyAt + refillNanos - nowNanos);
    }
}
