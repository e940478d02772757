package dev.weft.weaveutil.nl;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Parsed route attributes of one message or nest, by type (flag bits masked off). */
public final class Attributes {
    private final Map<Integer, byte[]> byType;

    private Attributes(Map<Integer, byte[]> byType) {
        this.byType = byType;
    }

    /** Parses attributes from the buffer's position to its limit; a truncated tail is ignored. */
    public static Attributes parse(ByteBuffer source) {
        ByteBuffer in = source.slice().order(ByteOrder.nativeOrder());
        Map<Integer, byte[]> byType = new HashMap<>();
        while (in.remaining() >= 4) {
            int start = in.position();
            int length = Short.toUnsignedInt(in.getShort());
            int type = Short.toUnsignedInt(in.getShort()) & Nl.NLA_TYPE_MASK;
            if (length < 4 || start + length > in.limit()) {
                break;
            }
            byte[] value = new byte[length - 4];
            in.get(value);
            byType.putIfAbsent(type, value);
            in.position(Math.min(in.limit(), start + Nl.align(length)));
        }
        return new Attributes(byType);
    }

    public static Attributes parse(byte[] data) {
        return parse(ByteBuffer.wrap(data));
    }

    public boolean has(int type) {
        return byType.containsKey(type);
    }

    public Optional<byte[]> bytes(int type) {
        return Optional.ofNullable(byType.get(type));
    }

    public Optional<Integer> u8(int type) {
        return bytes(type).filter(b -> b.length >= 1).map(b -> Byte.toUnsignedInt(b[0]));
    }

    public Optional<Integer> u16(int type) {
        return bytes(type).filter(b -> b.length >= 2)
                .map(b -> Short.toUnsignedInt(ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()).getShort()));
    }

    public Optional<Integer> be16(int type) {
        return bytes(type).filter(b -> b.length >= 2).map(b -> ((b[0] & 0xff) << 8) | (b[1] & 0xff));
    }

    public Optional<Integer> u32(int type) {
        return bytes(type).filter(b -> b.length >= 4)
                .map(b -> ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()).getInt());
    }

    public int u32(int type, int orElse) {
        return u32(type).orElse(orElse);
    }

    /** A string attribute without its trailing NUL. */
    public Optional<String> string(int type) {
        return bytes(type).map(b -> {
            int end = 0;
            while (end < b.length && b[end] != 0) {
                end++;
            }
            return new String(b, 0, end, StandardCharsets.UTF_8);
        });
    }

    public Attributes nested(int type) {
        return bytes(type).map(Attributes::parse).orElse(new Attributes(Map.of()));
    }
}
