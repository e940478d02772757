package dev.weft.router.mesh;

import dev.weft.router.identity.PeerName;
import dev.weft.router.mesh.topology.PeerEntry;
import dev.weft.router.mesh.topology.Topology;
import dev.weft.router.mesh.wire.TopologyCodec;
import dev.weft.router.mesh.wire.TopologyMessage;
import dev.weft.router.mesh.wire.WireFormatException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;

/**
 * The {@code topology} channel (SPEC §7.3), run on the mesh actor. Changes travel as updates holding
 * only the changed entries, broadcast along the changed peer's tree (each peer receives them once),
 * each peer passing on what was new to it.
 * The periodic gossip sends a 12-byte summary; a neighbour whose topology differs answers with a
 * digest (name, UID, version per peer) and the two then send each other exactly the entries the
 * other lacks. So a change costs each peer bytes in proportion to the change, not to the mesh.
 */
final class TopologyGossiper implements GossipChannel.SourceAware {

    static final String CHANNEL = "topology";

    private final Mesh mesh;
    private final Topology topology;
    /** Each entry is encoded once, however many neighbours it is sent to (entries are immutable). */
    private final Map<PeerName, Encoded> encoded = new ConcurrentHashMap<>();

    private record Encoded(PeerEntry entry, byte[] bytes) {}
    private Gossip channel;

    TopologyGossiper(Mesh mesh, Topology topology) {
        this.mesh = mesh;
        this.topology = topology;
    }

    void attach(Gossip channel) {
        this.channel = channel;
    }

    /** The periodic gossip: the summary (sent more often by the mesh itself), or for the baseline the whole topology. */
    @Override
    public GossipData gossip() {
        if (mesh.config().fullTopologyGossip()) {
            return update(topology.entries().stream().map(PeerEntry::name).toList());
        }
        return summary();
    }

    Data summary() {
        return new Data(Set.of(), new TopologyMessage.Summary(topology.summaryHash(), topology.describedCount()));
    }

    @Override
    public GossipData onGossip(byte[] update) throws GossipException {
        throw new GossipException("topology gossip without a source");
    }

    @Override
    public GossipData onGossip(PeerName source, byte[] bytes) throws GossipException {
        TopologyMessage message = decode(bytes);
        if (message instanceof TopologyMessage.Summary summary) {
            if (summary.hash() != topology.summaryHash() || summary.count() != topology.describedCount()) {
                channel.gossipUnicast(source, TopologyCodec.encode(new TopologyMessage.Digest(topology.digest())));
            }
            return null;
        }
        if (message instanceof TopologyMessage.Update update) {
            broadcastNews(mesh.applyTopologyUpdate(update.entries()));
            return null;
        }
        throw new GossipException("unexpected topology gossip " + message.getClass().getSimpleName());
    }

    @Override
    public void onGossipUnicast(PeerName sender, byte[] bytes) throws GossipException {
        TopologyMessage message = decode(bytes);
        if (message instanceof TopologyMessage.Digest digest) {
            push(sender, topology.newerThan(digest.items()));
            List<PeerName> missing = topology.missing(digest.items());
            if (!missing.isEmpty()) {
                channel.gossipUnicast(sender, TopologyCodec.encode(new TopologyMessage.Request(missing)));
            }
        } else if (message instanceof TopologyMessage.Request request) {
            push(sender, topology.described(request.names()));
        } else if (message instanceof TopologyMessage.Update update) {
            broadcastNews(mesh.applyTopologyUpdate(update.entries()));
        } else {
            throw new GossipException("unexpected topology unicast " + message.getClass().getSimpleName());
        }
    }

    /** A change broadcast by {@code origin}: what was new here is passed on along the origin's tree. */
    @Override
    public GossipData onGossipBroadcast(PeerName origin, byte[] bytes) throws GossipException {
        TopologyMessage message = decode(bytes);
        if (!(message instanceof TopologyMessage.Update update)) {
            throw new GossipException("unexpected topology broadcast " + message.getClass().getSimpleName());
        }
        Set<PeerName> changed = mesh.applyTopologyUpdate(update.entries());
        return changed.isEmpty() ? null : update(mesh.withPendingLocalChange(changed));
    }

    /**
     * Entries that were new here and came by gossip or unicast (not along a broadcast tree): broadcast
     * from this peer, with its own entry when that has an unsent change (it may be what links them).
     */
    private void broadcastNews(Set<PeerName> changed) {
        if (!changed.isEmpty()) {
            channel.gossipBroadcast(update(mesh.withPendingLocalChange(changed)));
        }
    }

    /** Gossip data carrying the current entries of {@code names}. */
    Data update(Collection<PeerName> names) {
        return new Data(names, null);
    }

    private void push(PeerName to, List<PeerEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        for (byte[] part : TopologyCodec.encodeUpdate(entries, this::encode)) {
            channel.gossipUnicast(to, part);
        }
    }

    private byte[] encode(PeerEntry entry) {
        Encoded cached = encoded.get(entry.name());
        if (cached != null && cached.entry == entry) {
            return cached.bytes;
        }
        byte[] bytes = TopologyCodec.entry(entry);
        if (encoded.size() > 4 * topology.size() + 64) {
            encoded.clear();
        }
        encoded.put(entry.name(), new Encoded(entry, bytes));
        return bytes;
    }

    private static TopologyMessage decode(byte[] bytes) throws GossipException {
        try {
            return TopologyCodec.decode(bytes);
        } catch (WireFormatException e) {
            throw new GossipException("bad topology message: " + e.getMessage());
        }
    }

    /**
     * Topology gossip queued for a neighbour: changed peers (encoded when sent, so the newest version of
     * each entry goes) and/or the periodic summary (a newer one replaces an older one still queued).
     */
    final class Data implements GossipData {
        private final Set<PeerName> names;
        private final TopologyMessage.Summary summary;

        Data(Collection<PeerName> names, TopologyMessage.Summary summary) {
            this.names = Set.copyOf(names);
            this.summary = summary;
        }

        @Override
        public List<byte[]> encode() {
            List<byte[]> messages = new ArrayList<>();
            if (!names.isEmpty()) {
                messages.addAll(TopologyCodec.encodeUpdate(topology.described(names), TopologyGossiper.this::encode));
            }
            if (summary != null) {
                messages.add(TopologyCodec.encode(summary));
            }
            return messages;
        }

        @Override
        public GossipData merge(GossipData other) {
            Data data = (Data) other;
            Set<PeerName> all = new LinkedHashSet<>(names);
            all.addAll(data.names);
            return new Data(all, data.summary != null ? data.summary : summary);
        }

        Set<PeerName> names() {
            return names;
        }
    }
}
