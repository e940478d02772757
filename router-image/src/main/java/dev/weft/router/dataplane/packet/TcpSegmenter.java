package dev.weft.router.dataplane.packet;

import java.nio.ByteBuffer;

/**
 * Cuts a TCP segment bigger than the MTU (a TSO frame from an offloaded TAP) into MSS-sized
 * frames, as a NIC would: each gets the headers with its own IP length, IPv4 id and header
 * checksum, TCP sequence number and flags (FIN/PSH only on the last, CWR only on the first), and a
 * partial TCP checksum (pseudo-header sum). Works in place into a destination buffer; allocates nothing.
 */
public final class TcpSegmenter {
    private static final int FIN = 0x01;
    private static final int PSH = 0x08;
    private static final int CWR = 0x80;

    private TcpSegmenter() {
    }

    public static int headersLength(FrameInfo f) {
        return f.l4Offset - f.offset + f.tcpHeaderLength;
    }

    public static int payloadLength(FrameInfo f) {
        return f.offset + f.length - (f.l4Offset + f.tcpHeaderLength);
    }

    public static int segmentCount(FrameInfo f, int mss) {
        int payload = payloadLength(f);
        return payload <= 0 ? 1 : (payload + mss - 1) / mss;
    }

    /** The frame length of segment {@code index}. */
    public static int segmentLength(FrameInfo f, int mss, int index) {
        int payload = payloadLength(f);
        return headersLength(f) + Math.min(mss, Math.max(0, payload - index * mss));
    }

    /** Writes segment {@code index} of the TSO frame described by {@code f} at {@code dst[at]}; returns its length. */
    public static int writeSegment(ByteBuffer src, FrameInfo f, int mss, int index, ByteBuffer dst, int at) {
        int headers = headersLength(f);
        int payload = payloadLength(f);
        int count = segmentCount(f, mss);
        int take = Math.min(mss, Math.max(0, payload - index * mss));
        dst.put(at, src, f.offset, headers);
        dst.put(at + headers, src, f.offset + headers + index * mss, take);
        int ip = at + FrameInfo.ETH_HEADER;
        int tcp = at + (f.l4Offset - f.offset);
        int l4Length = f.tcpHeaderLength + take;
        long pseudo;
        if (f.ipVersion == 4) {
            dst.putShort(ip + 2, (short) (f.ipHeaderLength + l4Length));
            int id = src.getShort(f.ipOffset + 4) & 0xffff;
            dst.putShort(ip + 4, (short) (id + index));
            Checksum.setIpv4Header(dst, ip, f.ipHeaderLength);
            pseudo = Checksum.pseudoIpv4(dst, ip, FrameInfo.PROTO_TCP, l4Length);
        } else {
            dst.putShort(ip + 4, (short) l4Length);
            pseudo = Checksum.pseudoIpv6(dst, ip, FrameInfo.PROTO_TCP, l4Length);
        }
        int seq = src.getInt(f.l4Offset + 4);
        dst.putInt(tcp + 4, seq + index * mss);
        int flags = dst.get(tcp + 13) & 0xff;
        if (index < count - 1) {
            flags &= ~(FIN | PSH);
        }
        if (index > 0) {
            flags &= ~CWR;
        }
        dst.put(tcp + 13, (byte) flags);
        dst.putShort(tcp + 16, (short) Checksum.fold(pseudo));
        return headers + take;
    }
}
