package dev.weft.router.mesh.wire;

import dev.weft.router.identity.PeerName;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** Reads big-endian fields from untrusted bytes; every read checks the bounds first. */
public final class ByteReader {

    private final byte[] bytes;
    private final int end;
    private int position;

    public ByteReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    public ByteReader(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.position = offset;
        this.end = offset + length;
    }

    public int remaining() {
        return end - position;
    }

    private void need(int n, String what) throws WireFormatException {
        if (n < 0 || end - position < n) {
            throw new WireFormatException("truncated message: " + what + " needs " + n + " bytes, "
                    + (end - position) + " left");
        }
    }

    public int u8(String what) throws WireFormatException {
        need(1, what);
        return bytes[position++] & 0xff;
    }

    public int u16(String what) throws WireFormatException {
        need(2, what);
        int v = ((bytes[position] & 0xff) << 8) | (bytes[position + 1] & 0xff);
        position += 2;
        return v;
    }

    public long u32(String what) throws WireFormatException {
        need(4, what);
        long v = 0;
        for (int i = 0; i < 4; i++) {
            v = (v << 8) | (bytes[position + i] & 0xff);
        }
        position += 4;
        return v;
    }

    public long u64(String what) throws WireFormatException {
        need(8, what);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (bytes[position + i] & 0xff);
        }
        position += 8;
        return v;
    }

    /** A count in 4 bytes, at most {@code max}, each item taking at least {@code minItemBytes}. */
    public int count(String what, int max, int minItemBytes) throws WireFormatException {
        long n = u32(what);
        if (n > max || n * minItemBytes > remaining()) {
            throw new WireFormatException(what + ": " + n + " items do not fit (limit " + max + ", "
                    + remaining() + " bytes left)");
        }
        return (int) n;
    }

    public PeerName peerName(String what) throws WireFormatException {
        need(6, what);
        PeerName name = PeerName.fromBytes(Arrays.copyOfRange(bytes, position, position + 6));
        position += 6;
        return name;
    }

    public byte[] bytes(int n, String what) throws WireFormatException {
        need(n, what);
        byte[] out = Arrays.copyOfRange(bytes, position, position + n);
        position += n;
        return out;
    }

    public byte[] rest() {
        byte[] out = Arrays.copyOfRange(bytes, position, end);
        position = end;
        return out;
    }

    /** A string with a one-byte length. */
    public String string8(String what) throws WireFormatException {
        return utf8(u8(what), what);
    }

    /** A string with a two-byte length. */
    public String string16(String what) throws WireFormatException {
        return utf8(u16(what), what);
    }

    private String utf8(int n, String what) throws WireFormatException {
        need(n, what);
        boolean ascii = true;
        for (int i = position; i < position + n && ascii; i++) {
            ascii = bytes[i] >= 0;
        }
        if (ascii) {
            String s = new String(bytes, position, n, StandardCharsets.ISO_8859_1);
            position += n;
            return s;
        }
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, position, n)).toString();
            position += n;
            return s;
        } catch (CharacterCodingException e) {
            throw new WireFormatException(what + ": not UTF-8");
        }
    }

    public void expectEnd(String what) throws WireFormatException {
        if (position != end) {
            throw new WireFormatException(what + ": " + (end - position) + " unexpected trailing bytes");
        }
    }
}
