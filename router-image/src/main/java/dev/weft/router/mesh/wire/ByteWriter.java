package dev.weft.router.mesh.wire;

import dev.weft.router.identity.PeerName;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes big-endian fields; string lengths are checked against their length field. */
public final class ByteWriter {

    private final ByteArrayOutputStream out;

    public ByteWriter() {
        this(64);
    }

    public ByteWriter(int sizeHint) {
        out = new ByteArrayOutputStream(sizeHint);
    }

    public ByteWriter u8(int v) {
        out.write(v);
        return this;
    }

    public ByteWriter u16(int v) {
        out.write(v >>> 8);
        out.write(v);
        return this;
    }

    public ByteWriter u32(long v) {
        for (int shift = 24; shift >= 0; shift -= 8) {
            out.write((int) (v >>> shift));
        }
        return this;
    }

    public ByteWriter u64(long v) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (v >>> shift));
        }
        return this;
    }

    public ByteWriter peerName(PeerName name) {
        long v = name.value();
        for (int shift = 40; shift >= 0; shift -= 8) {
            out.write((int) (v >>> shift));
        }
        return this;
    }

    public ByteWriter bytes(byte[] bytes) {
        out.write(bytes, 0, bytes.length);
        return this;
    }

    public ByteWriter string8(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > 0xff) {
            throw new IllegalArgumentException("string longer than 255 bytes: " + s.substring(0, 40) + "...");
        }
        return u8(b.length).bytes(b);
    }

    public ByteWriter string16(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > 0xffff) {
            throw new IllegalArgumentException("string longer than 65535 bytes");
        }
        return u16(b.length).bytes(b);
    }

    public int size() {
        return out.size();
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
