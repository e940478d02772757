package dev.weft.router.mesh.wire;

import dev.weft.router.identity.PeerName;
import java.util.Objects;

/**
 * A gossip message (tags 4-6): the channel it belongs to, the peer it comes from (for a broadcast:
 * its origin), the destination of a unicast, and the channel's own payload, which the mesh never reads.
 */
public record GossipMessage(Kind kind, String channel, PeerName source, PeerName destination, byte[] payload) {

    public enum Kind {
        GOSSIP(ProtocolTag.GOSSIP), UNICAST(ProtocolTag.GOSSIP_UNICAST), BROADCAST(ProtocolTag.GOSSIP_BROADCAST);

        private final int tag;

        Kind(int tag) {
            this.tag = tag;
        }

        public int tag() {
            return tag;
        }

        public static Kind of(int tag) {
            for (Kind k : values()) {
                if (k.tag == tag) {
                    return k;
                }
            }
            return null;
        }
    }

    public GossipMessage {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(payload, "payload");
        if ((kind == Kind.UNICAST) != (destination != null)) {
            throw new IllegalArgumentException("a destination is given for unicasts and only for them");
        }
    }

    public static GossipMessage gossip(String channel, PeerName source, byte[] payload) {
        return new GossipMessage(Kind.GOSSIP, channel, source, null, payload);
    }

    public static GossipMessage unicast(String channel, PeerName source, PeerName destination, byte[] payload) {
        return new GossipMessage(Kind.UNICAST, channel, source, destination, payload);
    }

    public static GossipMessage broadcast(String channel, PeerName origin, byte[] payload) {
        return new GossipMessage(Kind.BROADCAST, channel, origin, null, payload);
    }
}
