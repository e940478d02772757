package dev.weft.router.mesh.wire;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** The handshake's feature map ({@code Name}, {@code NickName}, {@code UID}...): a count, then key/value strings. */
public final class FeaturesCodec {

    public static final int MAX_FEATURES = 64;

    private FeaturesCodec() {}

    public static byte[] encode(Map<String, String> features) {
        if (features.size() > MAX_FEATURES) {
            throw new IllegalArgumentException("more than " + MAX_FEATURES + " features");
        }
        ByteWriter w = new ByteWriter(256).u16(features.size());
        new TreeMap<>(features).forEach((k, v) -> w.string16(k).string16(v));
        return w.toByteArray();
    }

    public static Map<String, String> decode(byte[] bytes) throws WireFormatException {
        ByteReader r = new ByteReader(bytes);
        int n = r.u16("feature count");
        if (n > MAX_FEATURES) {
            throw new WireFormatException("feature map with " + n + " entries (limit " + MAX_FEATURES + ")");
        }
        Map<String, String> features = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String key = r.string16("feature name");
            String value = r.string16("feature " + key);
            if (features.put(key, value) != null) {
                throw new WireFormatException("feature " + key + " given twice");
            }
        }
        r.expectEnd("feature map");
        return features;
    }
}
