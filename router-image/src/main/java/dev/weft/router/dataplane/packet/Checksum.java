package dev.weft.router.dataplane.packet;

import java.nio.ByteBuffer;

/**
 * The Internet checksum (RFC 1071) over big-endian buffers: 16-bit one's-complement sums, kept
 * unfolded in a {@code long} while adding, folded at the end.
 */
public final class Checksum {
    private Checksum() {
    }

    /** Adds {@code length} bytes at {@code offset} to {@code sum} (an odd last byte is padded with zero). */
    public static long add(ByteBuffer b, int offset, int length, long sum) {
        int i = offset;
        int end = offset + length;
        while (i + 8 <= end) {
            long v = b.getLong(i);
            sum += (v >>> 32) + (v & 0xffffffffL);
            i += 8;
        }
        if (i + 4 <= end) {
            sum += b.getInt(i) & 0xffffffffL;
            i += 4;
        }
        if (i + 2 <= end) {
            sum += b.getShort(i) & 0xffff;
            i += 2;
        }
        if (i < end) {
            sum += (b.get(i) & 0xff) << 8;
        }
        return reduce(sum);
    }

    /** Keeps a running sum from overflowing without changing its one's-complement value. */
    private static long reduce(long sum) {
        return (sum & 0xffffffffL) + (sum >>> 32);
    }

    /** Folds a running sum to 16 bits (not complemented). */
    public static int fold(long sum) {
        sum = (sum & 0xffffffffL) + (sum >>> 32);
        sum = (sum & 0xffffffffL) + (sum >>> 32);
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) sum;
    }

    /** The checksum to store: the complement of the folded sum. */
    public static int finish(long sum) {
        return ~fold(sum) & 0xffff;
    }

    /** The IPv4 pseudo-header sum for an upper-layer packet of {@code length} bytes. */
    public static long pseudoIpv4(ByteBuffer b, int ipOffset, int protocol, int length) {
        long sum = (b.getInt(ipOffset + 12) & 0xffffffffL) + (b.getInt(ipOffset + 16) & 0xffffffffL);
        return sum + protocol + length;
    }

    /** The IPv6 pseudo-header sum for an upper-layer packet of {@code length} bytes. */
    public static long pseudoIpv6(ByteBuffer b, int ipOffset, int protocol, int length) {
        return add(b, ipOffset + 8, 32, 0) + protocol + length;
    }

    /** Recomputes the IPv4 header checksum in place. */
    public static void setIpv4Header(ByteBuffer b, int ipOffset, int headerLength) {
        b.putShort(ipOffset + 10, (short) 0);
        b.putShort(ipOffset + 10, (short) finish(add(b, ipOffset, headerLength, 0)));
    }
}
