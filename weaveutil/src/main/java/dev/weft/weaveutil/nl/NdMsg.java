package dev.weft.weaveutil.nl;

import java.nio.ByteBuffer;

/** {@code struct ndmsg}: the family header of neighbour and FDB messages (12 bytes). */
public record NdMsg(int family, int index, int state, int flags, int type) {
    public static final int LENGTH = 12;

    public void writeTo(MessageBuilder out) {
        out.u8(family).u8(0).u16(0).u32(index).u16(state).u8(flags).u8(type);
    }

    public static NdMsg read(ByteBuffer in) {
        int family = Byte.toUnsignedInt(in.get());
        in.get();
        in.getShort();
        int index = in.getInt();
        int state = Short.toUnsignedInt(in.getShort());
        return new NdMsg(family, index, state, Byte.toUnsignedInt(in.get()), Byte.toUnsignedInt(in.get()));
    }
}
