package dev.weft.router.dataplane.wire;

/**
 * Which of the last {@link #SIZE} sequence numbers have been accepted (RFC 6479's bitmap, as
 * IPsec does): older ones, and ones seen before, are replays. {@link #check} is asked before the
 * costly authentication, {@link #accept} only after it, so forged datagrams cannot move the window.
 */
final class ReplayWindow {
    static final int SIZE = 1024;
    private static final int WORDS = SIZE / 64;

    private final long[] bits = new long[WORDS];
    private long highest = -1;

    /** False when {@code sequence} is too old or was already accepted. */
    synchronized boolean check(long sequence) {
        if (sequence < 0) {
            return false;
        }
        if (sequence > highest) {
            return true;
        }
        if (highest - sequence >= SIZE) {
            return false;
        }
        return (bits[word(sequence)] & bit(sequence)) == 0;
    }

    /** Records {@code sequence} as accepted; false when it was a replay after all (a race with another thread). */
    synchronized boolean accept(long sequence) {
        if (!check(sequence)) {
            return false;
        }
        if (sequence > highest) {
            long from = highest + 1;
            if (sequence - from >= SIZE) {
                java.util.Arrays.fill(bits, 0L);
            } else {
                for (long s = from; s < sequence; s++) {
                    bits[word(s)] &= ~bit(s);
                }
            }
            highest = sequence;
        }
        bits[word(sequence)] |= bit(sequence);
        return true;
    }

    private static int word(long sequence) {
        return (int) ((sequence >>> 6) % WORDS);
    }

    private static long bit(long sequence) {
        return 1L << (sequence & 63);
    }
}
