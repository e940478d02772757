package dev.weft.router.dataplane.packet;

import java.nio.ByteBuffer;

/**
 * {@code struct virtio_net_hdr} (10 bytes, little-endian fields) that precedes every frame on an
 * offloaded TAP: whether the L4 checksum is left to finish ({@link #NEEDS_CSUM}, with where it
 * starts and where it goes) and whether the frame is a TCP segment bigger than the MTU to be cut
 * into {@code gsoSize}-byte pieces.
 */
public final class VnetHeader {
    public static final int LENGTH = 10;
    public static final int NEEDS_CSUM = 1;
    public static final int DATA_VALID = 2;
    public static final int GSO_NONE = 0;
    public static final int GSO_TCPV4 = 1;
    public static final int GSO_UDP = 3;
    public static final int GSO_TCPV6 = 4;
    public static final int GSO_ECN = 0x80;

    private VnetHeader() {
    }

    public static int flags(ByteBuffer b, int at) {
        return b.get(at) & 0xff;
    }

    public static int gsoType(ByteBuffer b, int at) {
        return b.get(at + 1) & 0xff;
    }

    public static int headerLength(ByteBuffer b, int at) {
        return Short.reverseBytes(b.getShort(at + 2)) & 0xffff;
    }

    public static int gsoSize(ByteBuffer b, int at) {
        return Short.reverseBytes(b.getShort(at + 4)) & 0xffff;
    }

    public static int checksumStart(ByteBuffer b, int at) {
        return Short.reverseBytes(b.getShort(at + 6)) & 0xffff;
    }

    public static int checksumOffset(ByteBuffer b, int at) {
        return Short.reverseBytes(b.getShort(at + 8)) & 0xffff;
    }

    public static void write(ByteBuffer b, int at, int flags, int gsoType, int headerLength, int gsoSize,
                             int checksumStart, int checksumOffset) {
        b.put(at, (byte) flags).put(at + 1, (byte) gsoType);
        b.putShort(at + 2, Short.reverseBytes((short) headerLength));
        b.putShort(at + 4, Short.reverseBytes((short) gsoSize));
        b.putShort(at + 6, Short.reverseBytes((short) checksumStart));
        b.putShort(at + 8, Short.reverseBytes((short) checksumOffset));
    }

    public static void writeNone(ByteBuffer b, int at) {
        b.putLong(at, 0).putShort(at + 8, (short) 0);
    }
}
