package dev.weft.router.dataplane.packet;

import java.nio.ByteBuffer;

/** Builds Ethernet frames for tests, with correct IP header checksums and finished L4 checksums. */
public final class TestFrames {
    public static final long MAC_A = 0x02_00_00_00_00_0aL;
    public static final long MAC_B = 0x02_00_00_00_00_0bL;
    public static final int IP_A = 0x0a280001;
    public static final int IP_B = 0x0a280002;

    private TestFrames() {
    }

    public static ByteBuffer ethernet(long dst, long src, int etherType, int payload) {
        ByteBuffer b = ByteBuffer.allocate(14 + payload);
        b.putShort(0, (short) (dst >>> 32)).putInt(2, (int) dst);
        b.putShort(6, (short) (src >>> 32)).putInt(8, (int) src);
        b.putShort(12, (short) etherType);
        return b;
    }

    /** IPv4 TCP from A to B; {@code payload} bytes of pattern data (byte i = seq + i). */
    public static ByteBuffer tcp4(int seq, int flags, int payload, boolean dontFragment, byte[] options) {
        int tcpLength = 20 + options.length;
        ByteBuffer b = ethernet(MAC_B, MAC_A, FrameInfo.ETHERTYPE_IPV4, 20 + tcpLength + payload);
        ipv4(b, 20 + tcpLength + payload, FrameInfo.PROTO_TCP, dontFragment, 0x1234);
        int tcp = 34;
        b.putShort(tcp, (short) 40000).putShort(tcp + 2, (short) 5201).putInt(tcp + 4, seq).putInt(tcp + 8, 777);
        b.put(tcp + 12, (byte) ((tcpLength / 4) << 4)).put(tcp + 13, (byte) flags).putShort(tcp + 14, (short) 512);
        b.put(tcp + 20, options);
        for (int i = 0; i < payload; i++) {
            b.put(tcp + tcpLength + i, (byte) (seq + i));
        }
        finishL4(b, 14, 4, FrameInfo.PROTO_TCP, 16);
        return b;
    }

    public static ByteBuffer udp4(int payload, boolean dontFragment, long dstMac) {
        ByteBuffer b = ethernet(dstMac, MAC_A, FrameInfo.ETHERTYPE_IPV4, 20 + 8 + payload);
        ipv4(b, 28 + payload, FrameInfo.PROTO_UDP, dontFragment, 0x4321);
        b.putShort(34, (short) 5353).putShort(36, (short) 9).putShort(38, (short) (8 + payload));
        for (int i = 0; i < payload; i++) {
            b.put(42 + i, (byte) (i * 7));
        }
        finishL4(b, 14, 4, FrameInfo.PROTO_UDP, 6);
        return b;
    }

    /** IPv6 TCP from fd00::a to fd00::b. */
    public static ByteBuffer tcp6(int seq, int flags, int payload) {
        ByteBuffer b = ethernet(MAC_B, MAC_A, FrameInfo.ETHERTYPE_IPV6, 40 + 20 + payload);
        b.putInt(14, 0x60000000).putShort(18, (short) (20 + payload)).put(20, (byte) 6).put(21, (byte) 64);
        b.putLong(22, 0xfd00000000000000L).putLong(30, 0xaL).putLong(38, 0xfd00000000000000L).putLong(46, 0xbL);
        int tcp = 54;
        b.putShort(tcp, (short) 40000).putShort(tcp + 2, (short) 5201).putInt(tcp + 4, seq).putInt(tcp + 8, 777);
        b.put(tcp + 12, (byte) 0x50).put(tcp + 13, (byte) flags).putShort(tcp + 14, (short) 512);
        for (int i = 0; i < payload; i++) {
            b.put(tcp + 20 + i, (byte) (seq + i));
        }
        finishL4(b, 14, 6, FrameInfo.PROTO_TCP, 16);
        return b;
    }

    private static void ipv4(ByteBuffer b, int total, int protocol, boolean dontFragment, int id) {
        b.put(14, (byte) 0x45).putShort(16, (short) total).putShort(18, (short) id)
                .putShort(20, (short) (dontFragment ? 0x4000 : 0)).put(22, (byte) 64).put(23, (byte) protocol);
        b.putInt(26, IP_A).putInt(30, IP_B);
        Checksum.setIpv4Header(b, 14, 20);
    }

    /** Computes a full L4 checksum in place. */
    public static void finishL4(ByteBuffer b, int ip, int version, int protocol, int field) {
        int headerLength = version == 4 ? (b.get(ip) & 0xf) * 4 : 40;
        int l4 = ip + headerLength;
        int l4Length = b.limit() - l4;
        b.putShort(l4 + field, (short) 0);
        long pseudo = version == 4 ? Checksum.pseudoIpv4(b, ip, protocol, l4Length)
                : Checksum.pseudoIpv6(b, ip, protocol, l4Length);
        b.putShort(l4 + field, (short) Checksum.finish(Checksum.add(b, l4, l4Length, pseudo)));
    }

    /** True when the frame's L4 checksum (TCP/UDP/ICMPv6 over IP) verifies. */
    public static boolean l4ChecksumValid(ByteBuffer b, int offset, int length) {
        FrameInfo f = new FrameInfo();
        f.parse(b, offset, length);
        int l4Length = f.ipTotalLength - f.ipHeaderLength;
        int l4 = f.ipOffset + f.ipHeaderLength;
        long sum = f.protocol == FrameInfo.PROTO_ICMP ? 0 : f.pseudoHeaderSum(b, l4Length);
        return Checksum.fold(Checksum.add(b, l4, l4Length, sum)) == 0xffff;
    }

    public static boolean ipv4HeaderValid(ByteBuffer b, int ip) {
        return Checksum.fold(Checksum.add(b, ip, (b.get(ip) & 0xf) * 4, 0)) == 0xffff;
    }
}
