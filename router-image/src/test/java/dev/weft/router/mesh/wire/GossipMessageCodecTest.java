package dev.weft.router.mesh.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.router.identity.PeerName;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class GossipMessageCodecTest {

    private static final PeerName A = PeerName.parse("8a:00:00:00:00:01");
    private static final PeerName B = PeerName.parse("8a:00:00:00:00:02");
    private static final byte[] PAYLOAD = {1, 2, 3, 0, (byte) 0xff};

    @Test
    void everyKindRoundTrips() throws Exception {
        for (GossipMessage m : List.of(GossipMessage.gossip("nameserver", A, PAYLOAD),
                GossipMessage.unicast("IPallocation", A, B, PAYLOAD), GossipMessage.broadcast("topology", B, new byte[0]))) {
            byte[] encoded = GossipMessageCodec.encode(m);
            assertEquals(m.kind().tag(), encoded[0]);
            GossipMessage decoded = GossipMessageCodec.decode(encoded);
            assertEquals(m.kind(), decoded.kind());
            assertEquals(m.channel(), decoded.channel());
            assertEquals(m.source(), decoded.source());
            assertEquals(m.destination(), decoded.destination());
            assertArrayEquals(m.payload(), decoded.payload());
        }
    }

    @Test
    void relaysReadTheDestinationAlone() throws Exception {
        byte[] encoded = GossipMessageCodec.encode(GossipMessage.unicast("IPallocation", A, B, PAYLOAD));
        assertEquals(B, GossipMessageCodec.unicastDestination(encoded));
        assertNull(GossipMessageCodec.decode(GossipMessageCodec.encode(GossipMessage.gossip("x", A, PAYLOAD)))
                .destination());
    }

    @Test
    void truncatedOrForeignMessagesAreRejected() {
        byte[] encoded = GossipMessageCodec.encode(GossipMessage.unicast("IPallocation", A, B, PAYLOAD));
        int header = encoded.length - PAYLOAD.length;
        for (int n = 0; n < header; n++) {
            byte[] cut = Arrays.copyOf(encoded, n);
            assertThrows(WireFormatException.class, () -> GossipMessageCodec.decode(cut), "prefix of " + n);
        }
        byte[] heartbeat = ProtocolMessage.heartbeat().encode();
        assertThrows(WireFormatException.class, () -> GossipMessageCodec.decode(heartbeat));
        assertThrows(IllegalArgumentException.class, () -> GossipMessageCodec.encode(GossipMessage.gossip("", A, PAYLOAD)));
    }

    @Test
    void goodbyeCarriesAPrintableReason() throws Exception {
        ProtocolMessage m = ProtocolMessage.decode(ProtocolMessage.goodbye("Connection limit reached (2)\n").encode());
        assertEquals(ProtocolTag.GOODBYE, m.tag());
        assertEquals("Connection limit reached (2)?", m.goodbyeReason());
        assertThrows(WireFormatException.class, () -> ProtocolMessage.decode(new byte[0]));
    }
}
