package dev.weft.router.dataplane.sleeve;

/**
 * Where each MAC address lives (SPEC §8 "Switching"): on this peer (learnt from frames captured
 * on the bridge) or on a remote peer (learnt from the capturing-peer field of frames received),
 * forgotten after {@link #maxAgeNanos} without a frame. An open-addressing table of primitives
 * behind one lock: learning and looking up allocate nothing.
 */
final class MacTable {
    static final long UNKNOWN = -1;
    private static final long EMPTY = -1;
    private static final long GONE = -2;

    private final long maxAgeNanos;
    private long[] macs;
    private long[] peers;
    private long[] seen;
    private int used;

    MacTable(long maxAgeNanos) {
        this.maxAgeNanos = maxAgeNanos;
        allocate(1024);
    }

    private void allocate(int capacity) {
        macs = new long[capacity];
        peers = new long[capacity];
        seen = new long[capacity];
        java.util.Arrays.fill(macs, EMPTY);
        used = 0;
    }

    private int slot(long mac, int mask) {
        return (int) ((mac * 0x9E3779B97F4A7C15L) >>> 40) & mask;
    }

    /** Records that {@code mac} was seen at {@code peer}; returns the peer it was at before ({@link #UNKNOWN} if new). */
    synchronized long learn(long mac, long peer, long nowNanos) {
        int mask = macs.length - 1;
        int i = slot(mac, mask);
        int firstGone = -1;
        while (macs[i] != EMPTY) {
            if (macs[i] == mac) {
                long before = peers[i];
                peers[i] = peer;
                seen[i] = nowNanos;
                return before;
            }
            if (macs[i] == GONE && firstGone < 0) {
                firstGone = i;
            }
            i = (i + 1) & mask;
        }
        if (firstGone >= 0) {
            i = firstGone;
        } else {
            used++;
        }
        macs[i] = mac;
        peers[i] = peer;
        seen[i] = nowNanos;
        if (used * 2 > macs.length) {
            rehash(macs.length * 2);
        }
        return UNKNOWN;
    }

    /** The peer {@code mac} lives at, or {@link #UNKNOWN}. */
    synchronized long lookup(long mac, long nowNanos) {
        int mask = macs.length - 1;
        int i = slot(mac, mask);
        while (macs[i] != EMPTY) {
            if (macs[i] == mac) {
                return nowNanos - seen[i] > maxAgeNanos ? UNKNOWN : peers[i];
            }
            i = (i + 1) & mask;
        }
        return UNKNOWN;
    }

    /** Forgets entries older than the maximum age, and every MAC of a peer in {@code gonePeers}. */
    synchronized int expire(long nowNanos, java.util.function.LongPredicate gonePeer) {
        int removed = 0;
        for (int i = 0; i < macs.length; i++) {
            if (macs[i] >= 0 && (nowNanos - seen[i] > maxAgeNanos || gonePeer.test(peers[i]))) {
                macs[i] = GONE;
                removed++;
            }
        }
        if (removed > 0) {
            rehash(macs.length);
        }
        return removed;
    }

    /** The MACs currently at {@code peer}. */
    synchronized long[] macsOf(long peer, long nowNanos) {
        return java.util.stream.IntStream.range(0, macs.length)
                .filter(i -> macs[i] >= 0 && peers[i] == peer && nowNanos - seen[i] <= maxAgeNanos)
                .mapToLong(i -> macs[i]).toArray();
    }

    synchronized int size() {
        int n = 0;
        for (long m : macs) {
            if (m >= 0) {
                n++;
            }
        }
        return n;
    }

    private void rehash(int capacity) {
        long[] oldMacs = macs;
        long[] oldPeers = peers;
        long[] oldSeen = seen;
        allocate(capacity);
        int mask = capacity - 1;
        for (int j = 0; j < oldMacs.length; j++) {
            if (oldMacs[j] >= 0) {
                int i = slot(oldMacs[j], mask);
                while (macs[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                macs[i] = oldMacs[j];
                peers[i] = oldPeers[j];
                seen[i] = oldSeen[j];
                used++;
            }
        }
    }
}
