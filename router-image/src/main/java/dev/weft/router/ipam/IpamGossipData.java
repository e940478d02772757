package dev.weft.router.ipam;

import dev.weft.router.mesh.GossipData;
import java.util.List;

/** An allocator's view as gossip: one encoded {@link IpamMessage.State}. */
final class IpamGossipData implements GossipData {
    private final IpamMessage.State state;
    private byte[] encoded;

    IpamGossipData(IpamMessage.State state) {
        this.state = state;
    }

    IpamMessage.State state() {
        return state;
    }

    @Override
    public synchronized List<byte[]> encode() {
        if (encoded == null) {
            encoded = IpamCodec.encode(state);
        }
        return List.of(encoded);
    }

    @Override
    public GossipData merge(GossipData other) {
        return other instanceof IpamGossipData o ? new IpamGossipData(state.combine(o.state)) : other;
    }
}
