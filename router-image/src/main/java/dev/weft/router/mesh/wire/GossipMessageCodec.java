package dev.weft.router.mesh.wire;

import dev.weft.router.identity.PeerName;
import java.nio.charset.StandardCharsets;

/** Encodes {@link GossipMessage}s as whole protocol messages: tag, channel name, source, [destination,] payload. */
public final class GossipMessageCodec {

    public static final int MAX_CHANNEL_NAME_BYTES = 64;

    private GossipMessageCodec() {}

    public static byte[] encode(GossipMessage m) {
        if (m.channel().isEmpty() || m.channel().getBytes(StandardCharsets.UTF_8).length > MAX_CHANNEL_NAME_BYTES) {
            throw new IllegalArgumentException("gossip channel name must be 1 to 64 bytes: " + m.channel());
        }
        ByteWriter w = new ByteWriter(m.payload().length + 24).u8(m.kind().tag()).string8(m.channel())
                .peerName(m.source());
        if (m.destination() != null) {
            w.peerName(m.destination());
        }
        return w.bytes(m.payload()).toByteArray();
    }

    /** Decodes a protocol message whose tag is one of the gossip tags. */
    public static GossipMessage decode(byte[] message) throws WireFormatException {
        ByteReader r = new ByteReader(message);
        int tag = r.u8("tag");
        GossipMessage.Kind kind = GossipMessage.Kind.of(tag);
        if (kind == null) {
            throw new WireFormatException("tag " + tag + " is not a gossip message");
        }
        String channel = r.string8("channel name");
        if (channel.isEmpty() || channel.length() > MAX_CHANNEL_NAME_BYTES) {
            throw new WireFormatException("bad gossip channel name");
        }
        PeerName source = r.peerName("source peer");
        PeerName destination = kind == GossipMessage.Kind.UNICAST ? r.peerName("destination peer") : null;
        return new GossipMessage(kind, channel, source, destination, r.rest());
    }

    /** The destination of a unicast without copying its payload (a relay reads only this). */
    public static PeerName unicastDestination(byte[] message) throws WireFormatException {
        ByteReader r = new ByteReader(message);
        if (r.u8("tag") != ProtocolTag.GOSSIP_UNICAST) {
            throw new WireFormatException("not a gossip unicast");
        }
        r.string8("channel name");
        r.peerName("source peer");
        return r.peerName("destination peer");
    }
}
