package dev.weft.router.mesh;

import dev.weft.router.identity.PeerName;
import java.time.Duration;
import java.util.Random;

/**
 * An address the connection maker dials, with its back-off (SPEC §7.3): after the n-th failure the
 * next attempt comes after a random delay in [i/2, 3i/2], i = 2 s × 1.5^(n-1), at most 6 minutes.
 */
final class Target {

    static final Duration INITIAL_INTERVAL = Duration.ofSeconds(2);
    static final Duration MAX_INTERVAL = Duration.ofMinutes(6);
    /** A connection that lasted past this after its attempt was due is redialled at once when it ends. */
    static final Duration RESET_AFTER = Duration.ofMinutes(1);

    enum State { WAITING, ATTEMPTING, CONNECTED }

    State state = State.WAITING;
    ConnectionFailure lastError;
    long tryAfter;
    boolean never;
    long interval = INITIAL_INTERVAL.toNanos();
    /** The peer met at this address, once a handshake told us. */
    PeerName knownPeer;

    static Target now(long nanoNow) {
        Target t = new Target();
        t.tryNow(nanoNow);
        return t;
    }

    void tryNow(long nanoNow) {
        tryAfter = nanoNow;
        never = false;
        interval = INITIAL_INTERVAL.toNanos();
    }

    void tryLater(long nanoNow, Random random) {
        tryAfter = nanoNow + interval / 2 + Math.floorMod(random.nextLong(), interval);
        never = false;
        interval = Math.min(interval * 3 / 2, MAX_INTERVAL.toNanos());
    }

    void tryNever() {
        never = true;
        interval = MAX_INTERVAL.toNanos();
    }

    /** What to do after a connection from this target ended with {@code failure}. */
    void ended(ConnectionFailure failure, long nanoNow, Random random) {
        state = State.WAITING;
        lastError = failure;
        if (!failure.retry()) {
            tryNever();
        } else if (nanoNow - tryAfter > RESET_AFTER.toNanos()) {
            tryNow(nanoNow);
        } else {
            tryLater(nanoNow, random);
        }
    }
}
