package dev.weft.router.mesh.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeaturesCodecTest {

    private static final Map<String, String> FEATURES = Map.of("PeerNameFlavour", "mac", "Name", "8a:3e:3e:3e:3e:3e",
            "NickName", "hôst1", "UID", "18446744073709551615", "ConnID", "42", "Overlays", "fastdp sleeve");

    @Test
    void roundTrips() throws Exception {
        assertEquals(FEATURES, FeaturesCodec.decode(FeaturesCodec.encode(FEATURES)));
        assertEquals(Map.of(), FeaturesCodec.decode(FeaturesCodec.encode(Map.of())));
    }

    @Test
    void everyTruncationIsRejectedCleanly() {
        byte[] encoded = FeaturesCodec.encode(FEATURES);
        for (int n = 0; n < encoded.length; n++) {
            byte[] cut = Arrays.copyOf(encoded, n);
            assertThrows(WireFormatException.class, () -> FeaturesCodec.decode(cut), "prefix of " + n);
        }
    }

    @Test
    void trailingBytesDuplicatesAndHugeCountsAreRejected() {
        byte[] encoded = FeaturesCodec.encode(Map.of("a", "b"));
        assertThrows(WireFormatException.class, () -> FeaturesCodec.decode(Arrays.copyOf(encoded, encoded.length + 1)));
        byte[] twice = new ByteWriter().u16(2).string16("a").string16("b").string16("a").string16("c").toByteArray();
        assertThrows(WireFormatException.class, () -> FeaturesCodec.decode(twice));
        assertThrows(WireFormatException.class, () -> FeaturesCodec.decode(new byte[] {(byte) 0xff, (byte) 0xff}));
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i <= FeaturesCodec.MAX_FEATURES; i++) {
            many.put("k" + i, "v");
        }
        assertThrows(IllegalArgumentException.class, () -> FeaturesCodec.encode(many));
    }
}
