package dev.weft.router.mesh;

import dev.weft.router.identity.PeerName;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Stands in for a channel this peer does not run (SPEC §7.3: a peer relays channels it does not
 * know), so gossip between peers that do run it still crosses this one. Broadcasts are passed on
 * along the tree; gossip is passed on unless the same bytes went through within the gossip interval.
 */
final class SurrogateGossiper implements Gossiper {

    private static final int MAX_REMEMBERED = 4096;
    private static final int MAX_QUEUED_MESSAGES = 1024;

    private record Seen(long hash, byte[] update, long atNanos) {}

    private final Deque<Seen> seen = new ArrayDeque<>();
    private final LongSupplier nanoTime;
    private final long memoryNanos;

    SurrogateGossiper(LongSupplier nanoTime, long memoryNanos) {
        this.nanoTime = nanoTime;
        this.memoryNanos = memoryNanos;
    }

    @Override
    public void onGossipUnicast(PeerName sender, byte[] message) {
        // addressed to a channel this peer does not run: nothing to do
    }

    @Override
    public GossipData onGossipBroadcast(PeerName origin, byte[] update) {
        return new Data(List.of(update));
    }

    @Override
    public GossipData gossip() {
        return null;
    }

    @Override
    public synchronized GossipData onGossip(byte[] update) {
        long now = nanoTime.getAsLong();
        while (!seen.isEmpty() && (now - seen.peekFirst().atNanos > memoryNanos || seen.size() > MAX_REMEMBERED)) {
            seen.pollFirst();
        }
        long hash = Arrays.hashCode(update);
        for (Seen s : seen) {
            if (s.hash == hash && Arrays.equals(s.update, update)) {
                return null;
            }
        }
        seen.addLast(new Seen(hash, update, now));
        return new Data(List.of(update));
    }

    /** Messages passed on as they came; a queue that grows past 1024 drops its oldest. */
    record Data(List<byte[]> messages) implements GossipData {
        @Override
        public List<byte[]> encode() {
            return messages;
        }

        @Override
        public GossipData merge(GossipData other) {
            List<byte[]> all = new ArrayList<>(messages);
            all.addAll(((Data) other).messages);
            if (all.size() > MAX_QUEUED_MESSAGES) {
                all = all.subList(all.size() - MAX_QUEUED_MESSAGES, all.size());
            }
            return new Data(List.copyOf(all));
        }
    }
}
