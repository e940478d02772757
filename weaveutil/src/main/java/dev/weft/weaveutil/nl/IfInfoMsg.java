package dev.weft.weaveutil.nl;

import java.nio.ByteBuffer;

/** {@code struct ifinfomsg}: the family header of link messages (16 bytes). */
public record IfInfoMsg(int family, int deviceType, int index, int flags, int change) {
    public static final int LENGTH = 16;

    public static IfInfoMsg ofIndex(int index) {
        return new IfInfoMsg(Nl.AF_UNSPEC, 0, index, 0, 0);
    }

    public void writeTo(MessageBuilder out) {
        out.u8(family).u8(0).u16(deviceType).u32(index).u32(flags).u32(change);
    }

    public static IfInfoMsg read(ByteBuffer in) {
        int family = Byte.toUnsignedInt(in.get());
        in.get();
        int deviceType = Short.toUnsignedInt(in.getShort());
        return new IfInfoMsg(family, deviceType, in.getInt(), in.getInt(), in.getInt());
    }
}
