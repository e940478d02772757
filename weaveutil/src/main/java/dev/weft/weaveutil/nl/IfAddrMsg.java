package dev.weft.weaveutil.nl;

import java.nio.ByteBuffer;

/** {@code struct ifaddrmsg}: the family header of address messages (8 bytes). */
public record IfAddrMsg(int family, int prefixLength, int flags, int scope, int index) {
    public static final int LENGTH = 8;

    public void writeTo(MessageBuilder out) {
        out.u8(family).u8(prefixLength).u8(flags).u8(scope).u32(index);
    }

    public static IfAddrMsg read(ByteBuffer in) {
        return new IfAddrMsg(Byte.toUnsignedInt(in.get()), Byte.toUnsignedInt(in.get()), Byte.toUnsignedInt(in.get()),
                Byte.toUnsignedInt(in.get()), in.getInt());
    }
}
