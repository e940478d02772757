package dev.weft.router.dataplane.packet;

import java.nio.ByteBuffer;

/**
 * What the data plane needs to know about one Ethernet frame: addresses, and for IPv4/IPv6 the
 * layer-3 and layer-4 positions. Mutable and reused by one thread (no allocation per frame);
 * {@link #parse} fills it from a frame at an offset in a buffer.
 */
public final class FrameInfo {
    public static final int ETH_HEADER = 14;
    public static final int ETHERTYPE_IPV4 = 0x0800;
    public static final int ETHERTYPE_IPV6 = 0x86dd;
    public static final int PROTO_ICMP = 1;
    public static final int PROTO_TCP = 6;
    public static final int PROTO_UDP = 17;
    public static final int PROTO_ICMPV6 = 58;

    /** Where the frame starts, and its length. */
    public int offset;
    public int length;
    public int etherType;
    /** 4 or 6 for IP, else 0. */
    public int ipVersion;
    public int ipOffset;
    public int ipHeaderLength;
    /** The IP packet's length as its header says (IPv6: 40 + payload length). */
    public int ipTotalLength;
    /** TCP, UDP, ...; -1 when not IP or when IPv6 extension headers hide it. */
    public int protocol;
    public boolean dontFragment;
    /** An IPv4 fragment (MF set or a non-zero offset). */
    public boolean fragment;
    /** Where the TCP/UDP header starts, when {@link #protocol} is known and this is no fragment. */
    public int l4Offset;
    /** TCP header length (data offset), when TCP. */
    public int tcpHeaderLength;

    /** Fills this from the frame of {@code length} bytes at {@code offset}; false if it is not even Ethernet. */
    public boolean parse(ByteBuffer b, int offset, int length) {
        this.offset = offset;
        this.length = length;
        this.ipVersion = 0;
        this.protocol = -1;
        this.fragment = false;
        this.dontFragment = false;
        this.l4Offset = -1;
        this.tcpHeaderLength = 0;
        if (length < ETH_HEADER) {
            return false;
        }
        etherType = b.getShort(offset + 12) & 0xffff;
        ipOffset = offset + ETH_HEADER;
        int ipRoom = length - ETH_HEADER;
        if (etherType == ETHERTYPE_IPV4 && ipRoom >= 20 && (b.get(ipOffset) & 0xf0) == 0x40) {
            ipHeaderLength = (b.get(ipOffset) & 0x0f) * 4;
            ipTotalLength = b.getShort(ipOffset + 2) & 0xffff;
            if (ipHeaderLength < 20 || ipRoom < ipHeaderLength) {
                return true;
            }
            ipVersion = 4;
            protocol = b.get(ipOffset + 9) & 0xff;
            int flags = b.getShort(ipOffset + 6) & 0xffff;
            dontFragment = (flags & 0x4000) != 0;
            fragment = (flags & 0x3fff) != 0;
        } else if (etherType == ETHERTYPE_IPV6 && ipRoom >= 40 && (b.get(ipOffset) & 0xf0) == 0x60) {
            ipVersion = 6;
            ipHeaderLength = 40;
            ipTotalLength = 40 + (b.getShort(ipOffset + 4) & 0xffff);
            int next = b.get(ipOffset + 6) & 0xff;
            protocol = next == PROTO_TCP || next == PROTO_UDP || next == PROTO_ICMPV6 ? next : -1;
            dontFragment = true;
        } else {
            return true;
        }
        if (!fragment && protocol >= 0) {
            l4Offset = ipOffset + ipHeaderLength;
            int l4Room = offset + length - l4Offset;
            if (protocol == PROTO_TCP) {
                if (l4Room < 20) {
                    l4Offset = -1;
                } else {
                    tcpHeaderLength = ((b.get(l4Offset + 12) & 0xf0) >>> 4) * 4;
                    if (tcpHeaderLength < 20 || tcpHeaderLength > l4Room) {
                        l4Offset = -1;
                        tcpHeaderLength = 0;
                    }
                }
            } else if (protocol == PROTO_UDP && l4Room < 8) {
                l4Offset = -1;
            }
        }
        return true;
    }

    public boolean isTcp() {
        return protocol == PROTO_TCP && l4Offset >= 0;
    }

    public boolean isUdp() {
        return protocol == PROTO_UDP && l4Offset >= 0;
    }

    /** Where the TCP/UDP checksum field is, relative to the L4 header; -1 for other protocols. */
    public int l4ChecksumField() {
        return isTcp() ? 16 : isUdp() ? 6 : -1;
    }

    /** The pseudo-header sum for an L4 length of {@code l4Length} bytes. */
    public long pseudoHeaderSum(ByteBuffer b, int l4Length) {
        return ipVersion == 4 ? Checksum.pseudoIpv4(b, ipOffset, protocol, l4Length)
                : Checksum.pseudoIpv6(b, ipOffset, protocol, l4Length);
    }

    /** The L4 length as the IP header says, bounded by the frame. */
    public int l4Length() {
        int fromHeader = ipTotalLength - ipHeaderLength;
        int inFrame = offset + length - l4Offset;
        return Math.min(fromHeader, inFrame);
    }

    public static boolean isMulticast(ByteBuffer b, int frameOffset) {
        return (b.get(frameOffset) & 1) != 0;
    }

    /** The destination MAC as a 48-bit value. */
    public static long destinationMac(ByteBuffer b, int frameOffset) {
        return ((b.getShort(frameOffset) & 0xffffL) << 32) | (b.getInt(frameOffset + 2) & 0xffffffffL);
    }

    public static long sourceMac(ByteBuffer b, int frameOffset) {
        return ((b.getShort(frameOffset + 6) & 0xffffL) << 32) | (b.getInt(frameOffset + 8) & 0xffffffffL);
    }
}
