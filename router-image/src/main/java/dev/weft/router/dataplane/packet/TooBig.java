package dev.weft.router.dataplane.packet;

import java.nio.ByteBuffer;

/**
 * The answer to a packet too big for the path that must not be fragmented: ICMP "fragmentation
 * needed" (IPv4, type 3 code 4) or ICMPv6 "packet too big" (type 2) with the usable MTU, addressed
 * back to the sender as if from the packet's destination, so the sender's kernel lowers its path MTU.
 */
public final class TooBig {
    private static final int IPV4_QUOTE = 64;
    private static final int IPV6_MIN_MTU = 1280;

    private TooBig() {
    }

    /** Whether a too-big frame gets an ICMP answer (an IP unicast packet), rather than fragmentation or a drop. */
    public static boolean answers(ByteBuffer b, FrameInfo f) {
        return !FrameInfo.isMulticast(b, f.offset) && (f.ipVersion == 6 || (f.ipVersion == 4 && f.dontFragment))
                && f.protocol != FrameInfo.PROTO_ICMPV6;
    }

    /** Writes the ICMP answer frame at {@code dst[at]} for {@code f}; returns its length. {@code mtu} = largest IP packet. */
    public static int write(ByteBuffer src, FrameInfo f, int mtu, ByteBuffer dst, int at) {
        dst.put(at, src, f.offset + 6, 6);
        dst.put(at + 6, src, f.offset, 6);
        dst.putShort(at + 12, (short) f.etherType);
        int ip = at + FrameInfo.ETH_HEADER;
        int available = f.length - FrameInfo.ETH_HEADER;
        if (f.ipVersion == 4) {
            int quote = Math.min(available, f.ipHeaderLength + IPV4_QUOTE);
            int total = 20 + 8 + quote;
            dst.putInt(ip, 0x45c00000 | total).putInt(ip + 4, 0).putInt(ip + 8, 0x40010000);
            dst.putInt(ip + 12, src.getInt(f.ipOffset + 16)).putInt(ip + 16, src.getInt(f.ipOffset + 12));
            Checksum.setIpv4Header(dst, ip, 20);
            int icmp = ip + 20;
            dst.putInt(icmp, 0x03040000).putShort(icmp + 4, (short) 0).putShort(icmp + 6, (short) mtu);
            dst.put(icmp + 8, src, f.ipOffset, quote);
            dst.putShort(icmp + 2, (short) Checksum.finish(Checksum.add(dst, icmp, 8 + quote, 0)));
            return FrameInfo.ETH_HEADER + total;
        }
        int quote = Math.min(available, IPV6_MIN_MTU - 40 - 8);
        int icmpLength = 8 + quote;
        dst.putInt(ip, 0x60000000).putShort(ip + 4, (short) icmpLength).put(ip + 6, (byte) FrameInfo.PROTO_ICMPV6)
                .put(ip + 7, (byte) 255);
        dst.put(ip + 8, src, f.ipOffset + 24, 16);
        dst.put(ip + 24, src, f.ipOffset + 8, 16);
        int icmp = ip + 40;
        dst.putInt(icmp, 0x02000000).putInt(icmp + 4, Math.max(mtu, IPV6_MIN_MTU));
        dst.put(icmp + 8, src, f.ipOffset, quote);
        long sum = Checksum.pseudoIpv6(dst, ip, FrameInfo.PROTO_ICMPV6, icmpLength);
        dst.putShort(icmp + 2, (short) Checksum.finish(Checksum.add(dst, icmp, icmpLength, sum)));
        return FrameInfo.ETH_HEADER + 40 + icmpLength;
    }
}
