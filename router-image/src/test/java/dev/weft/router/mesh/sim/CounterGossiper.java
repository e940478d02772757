package dev.weft.router.mesh.sim;

import dev.weft.router.identity.PeerName;
import dev.weft.router.mesh.Gossip;
import dev.weft.router.mesh.GossipChannels;
import dev.weft.router.mesh.GossipData;
import dev.weft.router.mesh.Gossiper;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny replicated state for tests (weaveworks/mesh's increment-only counter): each peer owns one
 * counter, everyone keeps the highest value seen per peer. Also records unicasts received.
 */
public final class CounterGossiper implements Gossiper {

    private final PeerName self;
    private final Map<PeerName, Long> counters = new HashMap<>();
    private final Map<PeerName, Integer> unicasts = new HashMap<>();
    private Gossip gossip;
    private java.util.function.BiConsumer<PeerName, Long> onLearn = (peer, value) -> { };

    public CounterGossiper(PeerName self) {
        this.self = self;
    }

    public CounterGossiper register(GossipChannels channels, String name) {
        gossip = channels.channel(name, this);
        return this;
    }

    /** Called (on the channel's actor) each time a higher value for a peer arrives. */
    public void onLearn(java.util.function.BiConsumer<PeerName, Long> listener) {
        this.onLearn = listener;
    }

    public Gossip channel() {
        return gossip;
    }

    public synchronized long get(PeerName peer) {
        return counters.getOrDefault(peer, 0L);
    }

    public synchronized int unicastsFrom(PeerName peer) {
        return unicasts.getOrDefault(peer, 0);
    }

    /** Raises this peer's counter and returns the change to send. */
    public synchronized Data increment() {
        long value = counters.merge(self, 1L, Long::sum);
        return new Data(Map.of(self, value));
    }

    @Override
    public synchronized void onGossipUnicast(PeerName sender, byte[] message) {
        unicasts.merge(sender, 1, Integer::sum);
    }

    @Override
    public GossipData onGossipBroadcast(PeerName origin, byte[] update) {
        return merge(update);
    }

    @Override
    public synchronized GossipData gossip() {
        return counters.isEmpty() ? null : new Data(Map.copyOf(counters));
    }

    @Override
    public GossipData onGossip(byte[] update) {
        return merge(update);
    }

    private synchronized GossipData merge(byte[] update) {
        Map<PeerName, Long> incoming = Data.decode(update);
        Map<PeerName, Long> fresh = new HashMap<>();
        incoming.forEach((peer, value) -> {
            if (value > counters.getOrDefault(peer, 0L)) {
                counters.put(peer, value);
                fresh.put(peer, value);
                onLearn.accept(peer, value);
            }
        });
        return fresh.isEmpty() ? null : new Data(fresh);
    }

    public record Data(Map<PeerName, Long> values) implements GossipData {
        @Override
        public List<byte[]> encode() {
            ByteBuffer b = ByteBuffer.allocate(values.size() * 16);
            values.forEach((peer, value) -> b.putLong(peer.value()).putLong(value));
            return List.of(b.array());
        }

        static Map<PeerName, Long> decode(byte[] bytes) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            Map<PeerName, Long> values = new HashMap<>();
            while (b.remaining() >= 16) {
                values.put(new PeerName(b.getLong()), b.getLong());
            }
            return values;
        }

        @Override
        public GossipData merge(GossipData other) {
            Map<PeerName, Long> all = new HashMap<>(values);
            ((Data) other).values.forEach((p, v) -> all.merge(p, v, Math::max));
            return new Data(all);
        }
    }
}
