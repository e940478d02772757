package dev.weft.router.dataplane.packet;

import java.nio.ByteBuffer;

/**
 * Fragments an IPv4 packet that may be fragmented (DF clear) into frames whose IP packets are at
 * most {@code maxIp} bytes, as a router on the path would: the sleeve never relies on the underlay
 * fragmenting its datagrams. The L4 checksum must be finished before (fragments are never partial).
 */
public final class Ipv4Fragmenter {
    private Ipv4Fragmenter() {
    }

    /** Payload bytes per fragment: a multiple of 8. */
    public static int chunk(FrameInfo f, int maxIp) {
        return ((maxIp - f.ipHeaderLength) / 8) * 8;
    }

    public static int count(FrameInfo f, int maxIp) {
        int payload = ipPayload(f);
        int chunk = chunk(f, maxIp);
        return chunk <= 0 ? 0 : Math.max(1, (payload + chunk - 1) / chunk);
    }

    private static int ipPayload(FrameInfo f) {
        return Math.min(f.ipTotalLength, f.length - FrameInfo.ETH_HEADER) - f.ipHeaderLength;
    }

    /** Writes fragment {@code index} at {@code dst[at]}; returns its frame length. */
    public static int write(ByteBuffer src, FrameInfo f, int maxIp, int index, ByteBuffer dst, int at) {
        int chunk = chunk(f, maxIp);
        int payload = ipPayload(f);
        int from = index * chunk;
        int take = Math.min(chunk, payload - from);
        int headers = FrameInfo.ETH_HEADER + f.ipHeaderLength;
        dst.put(at, src, f.offset, headers);
        dst.put(at + headers, src, f.ipOffset + f.ipHeaderLength + from, take);
        int ip = at + FrameInfo.ETH_HEADER;
        int original = src.getShort(f.ipOffset + 6) & 0xffff;
        int originalOffset = original & 0x1fff;
        boolean originalMore = (original & 0x2000) != 0;
        boolean more = from + take < payload || originalMore;
        int fragmentField = (original & 0x8000) | (more ? 0x2000 : 0) | (originalOffset + from / 8);
        dst.putShort(ip + 2, (short) (f.ipHeaderLength + take));
        dst.putShort(ip + 6, (short) fragmentField);
        Checksum.setIpv4Header(dst, ip, f.ipHeaderLength);
        return headers + take;
    }
}
