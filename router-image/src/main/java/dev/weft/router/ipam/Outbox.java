package dev.weft.router.ipam;

import dev.weft.router.identity.PeerName;
import dev.weft.router.mesh.Gossip;
import java.util.ArrayList;
import java.util.List;

/** Gossip held back until the state it reports is on disk, like {@link Answers}. */
final class Outbox {
    private record Unicast(PeerName to, IpamMessage message) {}

    private final List<Object> queued = new ArrayList<>();

    void unicast(PeerName to, IpamMessage message) {
        queued.add(new Unicast(to, message));
    }

    void broadcast(IpamMessage.State state) {
        queued.add(state);
    }

    /** Sends what is queued (the mesh never blocks a sender). */
    void flush(Gossip gossip) {
        List<Object> ready = new ArrayList<>(queued);
        queued.clear();
        for (Object item : ready) {
            if (item instanceof Unicast u) {
                gossip.gossipUnicast(u.to(), IpamCodec.encode(u.message()));
            } else {
                gossip.gossipBroadcast(new IpamGossipData((IpamMessage.State) item));
            }
        }
    }

    /** Forgets what is queued: the state it would report was not saved. */
    void discard() {
        queued.clear();
    }
}
