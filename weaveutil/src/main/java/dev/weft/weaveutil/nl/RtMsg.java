package dev.weft.weaveutil.nl;

import java.nio.ByteBuffer;

/** {@code struct rtmsg}: the family header of route messages (12 bytes). */
public record RtMsg(int family, int destinationLength, int sourceLength, int tos, int table, int protocol,
                    int scope, int type, int flags) {
    public static final int LENGTH = 12;

    public void writeTo(MessageBuilder out) {
        out.u8(family).u8(destinationLength).u8(sourceLength).u8(tos).u8(table).u8(protocol).u8(scope).u8(type)
                .u32(flags);
    }

    public static RtMsg read(ByteBuffer in) {
        return new RtMsg(Byte.toUnsignedInt(in.get()), Byte.toUnsignedInt(in.get()), Byte.toUnsignedInt(in.get()),
                Byte.toUnsignedInt(in.get()), Byte.toUnsignedInt(in.get()), Byte.toUnsignedInt(in.get()),
                Byte.toUnsignedInt(in.get()), Byte.toUnsignedInt(in.get()), in.getInt());
    }
}
