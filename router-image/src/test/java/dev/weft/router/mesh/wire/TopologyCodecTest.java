package dev.weft.router.mesh.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.identity.PeerName;
import dev.weft.router.mesh.topology.ConnectionSummary;
import dev.weft.router.mesh.topology.DigestItem;
import dev.weft.router.mesh.topology.PeerEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TopologyCodecTest {

    private static final PeerName A = PeerName.parse("8a:00:00:00:00:01");
    private static final PeerName B = PeerName.parse("8a:00:00:00:00:02");

    private static PeerEntry entry(PeerName name, long uid, long version, int shortId, ConnectionSummary... conns) {
        return new PeerEntry(name, "host-" + name.value(), uid, version, shortId, List.of(conns));
    }

    @Test
    void everyMessageKindRoundTrips() throws Exception {
        PeerEntry a = entry(A, -5L, 12, 4095, new ConnectionSummary(B, "198.18.0.3:6783", true, true),
                new ConnectionSummary(PeerName.parse("::3"), "198.18.0.4:41234", false, false));
        PeerEntry b = entry(B, 7, 0, PeerEntry.NO_SHORT_ID);
        List<TopologyMessage> messages = List.of(new TopologyMessage.Update(List.of(a, b)),
                new TopologyMessage.Update(List.of()), new TopologyMessage.Summary(-1L, 1000),
                new TopologyMessage.Digest(List.of(new DigestItem(A, -5L, 12), new DigestItem(B, 7, 0))),
                new TopologyMessage.Request(List.of(A, B)));
        for (TopologyMessage m : messages) {
            assertEquals(m, TopologyCodec.decode(TopologyCodec.encode(m)));
        }
    }

    @Test
    void largeUpdatesSplitIntoMessagesOfWholeEntries() throws Exception {
        List<PeerEntry> entries = new ArrayList<>();
        for (int i = 1; i <= 3000; i++) {
            List<ConnectionSummary> conns = new ArrayList<>();
            for (int c = 0; c < 20; c++) {
                conns.add(new ConnectionSummary(new PeerName(i * 100L + c), "10.0." + (c % 250) + "." + (i % 250) + ":6783",
                        c % 2 == 0, true));
            }
            entries.add(new PeerEntry(new PeerName(i), "h" + i, i, i, i % 4096, conns));
        }
        List<byte[]> parts = TopologyCodec.encodeUpdate(entries);
        assertTrue(parts.size() > 1, "expected a split, got " + parts.size());
        List<PeerEntry> decoded = new ArrayList<>();
        for (byte[] part : parts) {
            assertTrue(part.length <= TopologyCodec.UPDATE_SPLIT_BYTES + 2048);
            decoded.addAll(((TopologyMessage.Update) TopologyCodec.decode(part)).entries());
        }
        assertEquals(entries, decoded);
    }

    @Test
    void everyTruncationFailsWithAWireFormatError() {
        byte[] encoded = TopologyCodec.encode(new TopologyMessage.Update(List.of(
                entry(A, 3, 4, 5, new ConnectionSummary(B, "198.18.0.3:6783", true, true)))));
        for (int n = 0; n < encoded.length; n++) {
            byte[] cut = Arrays.copyOf(encoded, n);
            assertThrows(WireFormatException.class, () -> TopologyCodec.decode(cut), "prefix of " + n);
        }
    }

    @Test
    void randomBytesNeverEscapeAsAnythingButWireFormatErrors() {
        Random random = new Random(10);
        for (int i = 0; i < 20_000; i++) {
            byte[] junk = new byte[random.nextInt(80)];
            random.nextBytes(junk);
            if (junk.length > 0) {
                junk[0] = (byte) (1 + random.nextInt(4));
            }
            try {
                TopologyCodec.decode(junk);
            } catch (WireFormatException expected) {
                // the only way to fail
            }
        }
    }

    @Test
    void countsThatCannotFitAreRefusedBeforeAllocating() {
        byte[] lie = new ByteWriter().u8(TopologyCodec.DIGEST).u32(150_000).toByteArray();
        assertThrows(WireFormatException.class, () -> TopologyCodec.decode(lie));
        byte[] placeholderWithConnections = new ByteWriter().u8(TopologyCodec.UPDATE).u32(1).peerName(A).string8("x")
                .u64(0).u64(0).u16(0xffff).u16(1).peerName(B).string8("1.2.3.4:1").u8(3).toByteArray();
        assertThrows(WireFormatException.class, () -> TopologyCodec.decode(placeholderWithConnections));
    }

    @Test
    void longNicknamesAreCutAtACharacter() {
        String name = "é".repeat(200);
        String cut = TopologyCodec.truncate(name, 255);
        assertEquals(127, cut.length());
    }
}
