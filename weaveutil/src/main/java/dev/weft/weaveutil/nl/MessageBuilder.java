package dev.weft.weaveutil.nl;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes one netlink request: the 16-byte header, a family header, then attributes. Everything is
 * in native byte order; attributes are padded to 4 bytes; nested lengths are filled in when the
 * nest is closed.
 */
public final class MessageBuilder {
    private ByteBuffer buffer = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());

    public MessageBuilder(int type, int flags) {
        buffer.putInt(0); // length, set in build()
        buffer.putShort((short) type);
        buffer.putShort((short) flags);
        buffer.putInt(0); // sequence number, set in build()
        buffer.putInt(0); // port id: the kernel fills it in
    }

    public int type() {
        return Short.toUnsignedInt(buffer.getShort(4));
    }

    public int flags() {
        return Short.toUnsignedInt(buffer.getShort(6));
    }

    public MessageBuilder addFlags(int flags) {
        buffer.putShort(6, (short) (flags() | flags));
        return this;
    }

    public MessageBuilder u8(int value) {
        ensure(1).put((byte) value);
        return this;
    }

    public MessageBuilder u16(int value) {
        ensure(2).putShort((short) value);
        return this;
    }

    public MessageBuilder u32(int value) {
        ensure(4).putInt(value);
        return this;
    }

    public MessageBuilder bytes(byte[] value) {
        ensure(value.length).put(value);
        return this;
    }

    public MessageBuilder attribute(int type, byte[] value) {
        int length = 4 + value.length;
        ensure(Nl.align(length));
        buffer.putShort((short) length).putShort((short) type).put(value);
        pad();
        return this;
    }

    public MessageBuilder attributeU8(int type, int value) {
        return attribute(type, new byte[] {(byte) value});
    }

    public MessageBuilder attributeU16(int type, int value) {
        return attribute(type, ByteBuffer.allocate(2).order(ByteOrder.nativeOrder()).putShort((short) value).array());
    }

    /** A 16-bit value in network byte order (ports). */
    public MessageBuilder attributeBe16(int type, int value) {
        return attribute(type, new byte[] {(byte) (value >>> 8), (byte) value});
    }

    public MessageBuilder attributeU32(int type, int value) {
        return attribute(type, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array());
    }

    /** A NUL-terminated string, as the kernel wants for names. */
    public MessageBuilder attributeString(int type, String value) {
        byte[] text = value.getBytes(StandardCharsets.UTF_8);
        return attribute(type, Arrays.copyOf(text, text.length + 1));
    }

    /** Opens a nested attribute; pass the returned mark to {@link #endNested}. */
    public int beginNested(int type) {
        ensure(4);
        int mark = buffer.position();
        buffer.putShort((short) 0).putShort((short) (type | Nl.NLA_F_NESTED));
        return mark;
    }

    /** Opens a nested attribute without the NLA_F_NESTED bit (for the few the kernel wants bare). */
    public int beginPlain(int type) {
        ensure(4);
        int mark = buffer.position();
        buffer.putShort((short) 0).putShort((short) type);
        return mark;
    }

    public MessageBuilder endNested(int mark) {
        buffer.putShort(mark, (short) (buffer.position() - mark));
        pad();
        return this;
    }

    /** The finished message with its length and sequence number filled in. */
    public byte[] build(int sequence) {
        buffer.putInt(0, buffer.position());
        buffer.putInt(8, sequence);
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    private void pad() {
        while (buffer.position() % Nl.ALIGN != 0) {
            buffer.put((byte) 0);
        }
    }

    private ByteBuffer ensure(int more) {
        if (buffer.remaining() < more) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + more))
                    .order(ByteOrder.nativeOrder());
            bigger.put(buffer.array(), 0, buffer.position());
            buffer = bigger;
        }
        return buffer;
    }
}
