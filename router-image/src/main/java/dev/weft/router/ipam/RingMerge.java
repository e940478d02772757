package dev.weft.router.ipam;

import dev.weft.router.identity.PeerName;
import java.util.Map;
import java.util.TreeMap;

/**
 * Merges a ring received from another peer into ours (SPEC §5.1): per token the higher version wins,
 * with the guards that keep one owner per address. Only an owner changes its tokens, so a received
 * token that takes away an address we hold is refused; a newer copy of our own token that still names
 * us (an earlier run of this peer wrote it) is re-asserted above its version; equal versions with
 * different content keep the larger free count (then the larger owner name), which every peer decides
 * alike.
 */
final class RingMerge {
    private RingMerge() {}

    /** What a merge did: whether our ring changed, and whether it now holds versions the sender lacks. */
    record Outcome(boolean changed, boolean reasserted) {
        static final Outcome NONE = new Outcome(false, false);
    }

    /** The merged tokens, or a {@link RingMergeException} naming the first address range the merge would take from us. */
    static Outcome merge(TreeMap<Long, Token> ours, AddressRange whole, Map<Long, Token> theirs, PeerName us,
                         RangeUsage usage) throws RingMergeException {
        if (!anyNews(ours, theirs)) {
            return Outcome.NONE;
        }
        TreeMap<Long, Token> result = new TreeMap<>(ours);
        boolean changed = false;
        boolean reasserted = false;
        for (Map.Entry<Long, Token> e : theirs.entrySet()) {
            long start = e.getKey();
            Token incoming = e.getValue();
            Token mine = ours.get(start);
            if (mine == null) {
                result.put(start, incoming);
                changed = true;
            } else if (incoming.version() > mine.version() || (incoming.version() == mine.version()
                    && !incoming.equals(mine))) {
                boolean newer = incoming.version() > mine.version();
                if (mine.owner().equals(us) && incoming.owner().equals(us)) {
                    result.put(start, new Token(us, incoming.version() + 1, mine.free()));
                    changed = true;
                    reasserted = true;
                } else if (newer || winsTie(incoming, mine)) {
                    result.put(start, incoming);
                    changed = true;
                }
            }
        }
        if (changed) {
            checkNothingHeldIsLost(ours, result, whole, us, usage);
            ours.clear();
            ours.putAll(result);
        }
        return new Outcome(changed, reasserted);
    }

    /** Whether {@code theirs} has a token we lack or one that differs from ours (most gossip has neither). */
    private static boolean anyNews(Map<Long, Token> ours, Map<Long, Token> theirs) {
        if (ours instanceof java.util.SortedMap<Long, Token> sortedOurs
                && theirs instanceof java.util.SortedMap<Long, Token> sortedTheirs) {
            return anyNewsSorted(sortedOurs, sortedTheirs);
        }
        for (Map.Entry<Long, Token> e : theirs.entrySet()) {
            if (isNews(ours.get(e.getKey()), e.getValue())) {
                return true;
            }
        }
        return false;
    }

    /** The same, walking both rings in address order at once. */
    private static boolean anyNewsSorted(java.util.SortedMap<Long, Token> ours,
                                         java.util.SortedMap<Long, Token> theirs) {
        java.util.Iterator<Map.Entry<Long, Token>> mine = ours.entrySet().iterator();
        Map.Entry<Long, Token> m = mine.hasNext() ? mine.next() : null;
        for (Map.Entry<Long, Token> t : theirs.entrySet()) {
            while (m != null && m.getKey() < t.getKey()) {
                m = mine.hasNext() ? mine.next() : null;
            }
            if (isNews(m != null && m.getKey().equals(t.getKey()) ? m.getValue() : null, t.getValue())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isNews(Token mine, Token incoming) {
        return mine == null || mine.version() < incoming.version()
                || (mine.version() == incoming.version() && !mine.equals(incoming));
    }

    /** Equal versions, different content: the larger free count wins, then the larger owner name. */
    static boolean winsTie(Token incoming, Token mine) {
        if (incoming.free() != mine.free()) {
            return incoming.free() > mine.free();
        }
        return incoming.owner().compareTo(mine.owner()) > 0;
    }

    /**
     * The newest of two copies of the same ring's tokens, without guards (for combining gossip
     * messages before they are sent).
     */
    static TreeMap<Long, Token> newest(Map<Long, Token> a, Map<Long, Token> b) {
        TreeMap<Long, Token> result = new TreeMap<>(a);
        b.forEach((start, token) -> result.merge(start, token, (x, y) -> y.version() > x.version()
                || (y.version() == x.version() && winsTie(y, x)) ? y : x));
        return result;
    }

    private static void checkNothingHeldIsLost(TreeMap<Long, Token> before, TreeMap<Long, Token> after,
                                               AddressRange whole, PeerName us, RangeUsage usage)
            throws RingMergeException {
        for (Map.Entry<Long, Token> mine : before.entrySet()) {
            if (!mine.getValue().owner().equals(us)) {
                continue;
            }
            AddressRange held = rangeAt(before, mine.getKey(), whole);
            long from = after.floorKey(held.start());
            for (Map.Entry<Long, Token> e : after.subMap(from, true, held.end(), false).entrySet()) {
                Token now = e.getValue();
                if (now.owner().equals(us)) {
                    continue;
                }
                AddressRange lost = rangeAt(after, e.getKey(), whole).intersect(held);
                if (!lost.isEmpty() && usage.inUse(lost)) {
                    throw new RingMergeException("received ring gives IP range " + lost + " to peer " + now.owner()
                            + " (token " + AddressRange.ip(e.getKey()) + " version " + now.version()
                            + "), but this peer owns it (version " + mine.getValue().version()
                            + ") and holds addresses in it");
                }
            }
        }
    }

    static AddressRange rangeAt(TreeMap<Long, Token> tokens, long start, AddressRange whole) {
        Long next = tokens.higherKey(start);
        return new AddressRange(start, next == null ? whole.end() : next);
    }
}
