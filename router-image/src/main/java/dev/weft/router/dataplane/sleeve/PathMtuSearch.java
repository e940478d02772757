package dev.weft.router.dataplane.sleeve;

/**
 * The search for a path's MTU (SPEC §8): probes with DF set, each size tried a few times with a
 * growing timeout; the largest size answered is the verified MTU. Starts at the kernel's estimate
 * (the route's MTU) and halves the gap to the largest size known to pass until it closes.
 */
final class PathMtuSearch {
    static final int TRIES = 5;

    private int good;
    private int bad;
    private int probing;
    private int tries;

    /**
     * @param floor   a size every path is assumed to carry (576)
     * @param ceiling the largest size worth trying (the kernel's estimate)
     */
    PathMtuSearch(int floor, int ceiling) {
        this.good = floor;
        this.bad = Math.max(floor, ceiling) + 1;
        this.probing = bad - 1;
        this.tries = 0;
    }

    /** The size to probe now, or 0 when the search is over. */
    int probeSize() {
        return done() ? 0 : probing;
    }

    boolean done() {
        return bad - good <= 1;
    }

    /** The try about to be made (0-based): its timeout is {@code base << try}. */
    int tryNumber() {
        return tries;
    }

    /** A probe of {@code size} was answered. */
    void answered(int size) {
        if (size == probing && !done()) {
            good = size;
            next();
        } else if (size > good && size < bad) {
            good = size;
            if (probing <= good) {
                next();
            }
        }
    }

    /** The current try timed out (or the probe could not even be sent): try again or give up on the size. */
    void timedOut() {
        if (done()) {
            return;
        }
        tries++;
        if (tries >= TRIES) {
            bad = probing;
            next();
        }
    }

    /** The size could not leave this host at all (EMSGSIZE): no point retrying it. */
    void refused() {
        if (!done()) {
            bad = probing;
            next();
        }
    }

    private void next() {
        tries = 0;
        probing = good + (bad - good) / 2;
    }

    /** The largest size known to pass. */
    int verified() {
        return good;
    }
}
