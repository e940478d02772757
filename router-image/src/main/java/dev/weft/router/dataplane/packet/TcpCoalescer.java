package dev.weft.router.dataplane.packet;

import dev.weft.weaveutil.jna.IoBuffer;
import java.nio.ByteBuffer;

/**
 * Hands received frames to the TAP, joining consecutive segments of one TCP flow into one large
 * frame (as the kernel's GRO does) so the kernel takes 64 KiB in one write instead of ~45; every
 * TCP/UDP frame goes with a partial checksum for the kernel to finish (or skip, for local sockets).
 * Segments join when addresses, ports, ack, window, flags (ACK/PSH only) and options match and the
 * sequence numbers follow on; a PSH or a short segment ends the joined frame. One instance per thread.
 */
public final class TcpCoalescer {
    public static final int MAX_IP = 65535;
    private static final int ACK = 0x10;
    private static final int PSH = 0x08;

    private final FrameWriter writer;
    private final IoBuffer joined = IoBuffer.allocate(VnetHeader.LENGTH + FrameInfo.ETH_HEADER + MAX_IP + 64);
    private final ByteBuffer j = joined.buffer();
    private final FrameInfo info = new FrameInfo();
    private final FrameInfo head = new FrameInfo();
    private int count;
    private int length;
    private int mss;
    private int lastPayload;
    private int nextSeq;
    private long framesWritten;
    private long writesFailed;
    private long segmentsJoined;

    private final boolean joining;

    public TcpCoalescer(FrameWriter writer) {
        this(true, writer);
    }

    /** @param joining false to write every frame as it is (for measuring what joining saves) */
    public TcpCoalescer(boolean joining, FrameWriter writer) {
        this.joining = joining;
        this.writer = writer;
    }

    /**
     * Delivers the frame of {@code frameLength} bytes at {@code frameOffset} in {@code rx}. The 10
     * bytes before the frame are scratch space (overwritten with the vnet header) and the frame's
     * checksum field may be rewritten.
     */
    public void deliver(IoBuffer rx, int frameOffset, int frameLength) {
        ByteBuffer b = rx.buffer();
        if (!info.parse(b, frameOffset, frameLength)) {
            return;
        }
        if (joining && joinable(b, info)) {
            if (count > 0 && follows(b, info)) {
                append(b, info);
            } else {
                flush();
                start(b, info);
            }
            if ((b.get(info.l4Offset + 13) & PSH) != 0 || lastPayload < mss) {
                flush();
            }
            return;
        }
        flush();
        writeSingle(rx, info);
    }

    private void writeSingle(IoBuffer rx, FrameInfo f) {
        ByteBuffer b = rx.buffer();
        int vnet = f.offset - VnetHeader.LENGTH;
        if (L4Checksums.canBePartial(f) && f.l4Length() >= f.l4ChecksumField() + 2) {
            L4Checksums.makePartial(b, f);
            VnetHeader.write(b, vnet, VnetHeader.NEEDS_CSUM, VnetHeader.GSO_NONE, 0, 0, f.l4Offset - f.offset,
                    f.l4ChecksumField());
        } else {
            VnetHeader.writeNone(b, vnet);
        }
        count(writer.write(rx, vnet, VnetHeader.LENGTH + f.length));
    }

    private static boolean joinable(ByteBuffer b, FrameInfo f) {
        if (!f.isTcp() || FrameInfo.isMulticast(b, f.offset) || (f.ipVersion == 4 && f.ipHeaderLength != 20)) {
            return false;
        }
        int flags = b.get(f.l4Offset + 13) & 0xff;
        int payload = f.offset + f.length - f.l4Offset - f.tcpHeaderLength;
        int ipPayload = f.ipTotalLength - f.ipHeaderLength - f.tcpHeaderLength;
        return (flags & ~(ACK | PSH)) == 0 && (flags & ACK) != 0 && payload > 0 && payload == ipPayload;
    }

    private boolean follows(ByteBuffer b, FrameInfo f) {
        int payload = f.offset + f.length - f.l4Offset - f.tcpHeaderLength;
        if (f.ipVersion != head.ipVersion || f.tcpHeaderLength != head.tcpHeaderLength || lastPayload != mss
                || payload > mss || length + payload > VnetHeader.LENGTH + FrameInfo.ETH_HEADER + MAX_IP
                || b.getInt(f.l4Offset + 4) != nextSeq) {
            return false;
        }
        int h = VnetHeader.LENGTH;
        if (!same(b, f.offset, h, FrameInfo.ETH_HEADER)) {
            return false;
        }
        int ip = f.ipOffset;
        int hip = h + FrameInfo.ETH_HEADER;
        if (f.ipVersion == 4) {
            if (b.get(ip + 1) != j.get(hip + 1) || b.get(ip + 8) != j.get(hip + 8)
                    || ((b.getShort(ip + 6) ^ j.getShort(hip + 6)) & 0x4000) != 0 || !same(b, ip + 12, hip + 12, 8)) {
                return false;
            }
        } else if (b.getInt(ip) != j.getInt(hip) || b.get(ip + 7) != j.get(hip + 7) || !same(b, ip + 8, hip + 8, 32)) {
            return false;
        }
        int tcp = f.l4Offset;
        int htcp = hip + head.ipHeaderLength;
        return b.getInt(tcp) == j.getInt(htcp) && b.getInt(tcp + 8) == j.getInt(htcp + 8)
                && ((b.getInt(tcp + 12) ^ j.getInt(htcp + 12)) & ~(PSH << 16)) == 0
                && same(b, tcp + 20, htcp + 20, f.tcpHeaderLength - 20);
    }

    private boolean same(ByteBuffer b, int at, int jat, int n) {
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            if (b.getLong(at + i) != j.getLong(jat + i)) {
                return false;
            }
        }
        for (; i < n; i++) {
            if (b.get(at + i) != j.get(jat + i)) {
                return false;
            }
        }
        return true;
    }

    private void start(ByteBuffer b, FrameInfo f) {
        j.put(VnetHeader.LENGTH, b, f.offset, f.length);
        head.parse(j, VnetHeader.LENGTH, f.length);
        count = 1;
        length = VnetHeader.LENGTH + f.length;
        mss = f.offset + f.length - f.l4Offset - f.tcpHeaderLength;
        lastPayload = mss;
        nextSeq = b.getInt(f.l4Offset + 4) + mss;
    }

    private void append(ByteBuffer b, FrameInfo f) {
        int payloadAt = f.l4Offset + f.tcpHeaderLength;
        int payload = f.offset + f.length - payloadAt;
        j.put(length, b, payloadAt, payload);
        length += payload;
        count++;
        lastPayload = payload;
        nextSeq += payload;
        segmentsJoined++;
        int htcp = head.l4Offset;
        j.put(htcp + 13, (byte) ((j.get(htcp + 13) & ~PSH) | (b.get(f.l4Offset + 13) & PSH)));
    }

    /** Writes the joined frame, if any. Call at the end of each received batch. */
    public void flush() {
        if (count == 0) {
            return;
        }
        int frameLength = length - VnetHeader.LENGTH;
        int ip = head.ipOffset;
        int l4Length = frameLength - (head.l4Offset - VnetHeader.LENGTH);
        if (head.ipVersion == 4) {
            j.putShort(ip + 2, (short) (head.ipHeaderLength + l4Length));
            Checksum.setIpv4Header(j, ip, head.ipHeaderLength);
        } else {
            j.putShort(ip + 4, (short) l4Length);
        }
        head.length = frameLength;
        head.ipTotalLength = head.ipHeaderLength + l4Length;
        L4Checksums.makePartial(j, head);
        int start = head.l4Offset - VnetHeader.LENGTH;
        if (count == 1) {
            VnetHeader.write(j, 0, VnetHeader.NEEDS_CSUM, VnetHeader.GSO_NONE, 0, 0, start, 16);
        } else {
            VnetHeader.write(j, 0, VnetHeader.NEEDS_CSUM, head.ipVersion == 4 ? VnetHeader.GSO_TCPV4
                    : VnetHeader.GSO_TCPV6, start + head.tcpHeaderLength, mss, start, 16);
        }
        count = 0;
        count(writer.write(joined, 0, length));
    }

    /** Forgets a half-joined frame (after a failure). */
    public void discard() {
        count = 0;
    }

    private void count(int errno) {
        if (errno == 0) {
            framesWritten++;
        } else {
            writesFailed++;
        }
    }

    public long framesWritten() {
        return framesWritten;
    }

    public long writesFailed() {
        return writesFailed;
    }

    public long segmentsJoined() {
        return segmentsJoined;
    }
}
