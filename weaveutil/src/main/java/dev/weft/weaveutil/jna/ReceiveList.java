package dev.weft.weaveutil.jna;

import java.nio.ByteBuffer;

/**
 * Buffers for one {@code recvmmsg}: after a receive, message {@code i} holds {@link #length(int)}
 * bytes from {@link #sourceIpv4(int)}:{@link #sourcePort(int)}. With UDP GRO on the socket a message
 * may be several datagrams of the same flow joined: each {@link #segmentSize(int)} bytes long (the
 * last may be shorter); 0 means one datagram. Made once, reused for every receive.
 */
public final class ReceiveList {
    private static final int IOVEC = 16;
    private static final int SOCKADDR_IN = 16;
    private static final int CMSG_SPACE = 64;

    private final int count;
    private final int bufferSize;
    private final IoBuffer data;
    private final IoBuffer structures;
    private final ByteBuffer s;
    private final ByteBuffer[] slices;
    private final int[] lengths;
    private final int[] segmentSizes;
    private final int[] sourceIps;
    private final int[] sourcePorts;
    private int received;

    public ReceiveList(int count, int bufferSize) {
        this.count = count;
        this.bufferSize = bufferSize;
        this.data = IoBuffer.allocate(count * bufferSize);
        this.structures = IoBuffer.allocate(count * (SendList.MMSGHDR + IOVEC + SOCKADDR_IN + CMSG_SPACE));
        this.s = structures.nativeOrder();
        this.slices = new ByteBuffer[count];
        this.lengths = new int[count];
        this.segmentSizes = new int[count];
        this.sourceIps = new int[count];
        this.sourcePorts = new int[count];
        for (int i = 0; i < count; i++) {
            slices[i] = data.buffer().slice(i * bufferSize, bufferSize);
        }
    }

    public int capacity() {
        return count;
    }

    /** Messages filled by the last receive. */
    public int received() {
        return received;
    }

    /** The memory of every message: message {@code i} starts at {@link #offset(int)}. */
    public IoBuffer data() {
        return data;
    }

    public int offset(int i) {
        return i * bufferSize;
    }

    public int bufferSize() {
        return bufferSize;
    }

    /**
     * Fills message {@code i} as a receive would (for in-memory sockets standing in for the kernel);
     * {@link #finishFill(int)} then sets how many messages were filled.
     */
    public void fill(int i, java.nio.ByteBuffer from, int fromOffset, int length, int segmentSize, int ipv4, int port) {
        data.buffer().put(offset(i), from, fromOffset, length);
        lengths[i] = length;
        segmentSizes[i] = segmentSize;
        sourceIps[i] = ipv4;
        sourcePorts[i] = port;
    }

    public void finishFill(int n) {
        received = n;
    }

    /** Message {@code i}'s buffer; read it from 0 to {@link #length(int)}. */
    public ByteBuffer buffer(int i) {
        return slices[i];
    }

    public int length(int i) {
        return lengths[i];
    }

    public int segmentSize(int i) {
        return segmentSizes[i];
    }

    public int sourceIpv4(int i) {
        return sourceIps[i];
    }

    public int sourcePort(int i) {
        return sourcePorts[i];
    }

    /** Resets the message headers before a receive (the kernel overwrites lengths). */
    long prepare() {
        long base = structures.address();
        for (int i = 0; i < count; i++) {
            int mmsg = i * SendList.MMSGHDR;
            int iov = iovOffset(i);
            int name = nameOffset(i);
            int cmsg = cmsgOffset(i);
            s.putLong(iov, data.address() + (long) i * bufferSize).putLong(iov + 8, bufferSize);
            s.putLong(mmsg, base + name).putInt(mmsg + 8, SOCKADDR_IN).putInt(mmsg + 12, 0);
            s.putLong(mmsg + 16, base + iov).putLong(mmsg + 24, 1);
            s.putLong(mmsg + 32, base + cmsg).putLong(mmsg + 40, CMSG_SPACE);
            s.putInt(mmsg + 48, 0).putInt(mmsg + 56, 0);
        }
        return base;
    }

    /** Reads back what the kernel wrote for the first {@code n} messages. */
    void complete(int n) {
        received = n;
        for (int i = 0; i < n; i++) {
            int mmsg = i * SendList.MMSGHDR;
            lengths[i] = s.getInt(mmsg + 56);
            int name = nameOffset(i);
            sourcePorts[i] = ((s.get(name + 2) & 0xff) << 8) | (s.get(name + 3) & 0xff);
            sourceIps[i] = ((s.get(name + 4) & 0xff) << 24) | ((s.get(name + 5) & 0xff) << 16)
                    | ((s.get(name + 6) & 0xff) << 8) | (s.get(name + 7) & 0xff);
            segmentSizes[i] = groSegmentSize(mmsg);
        }
    }

    private int groSegmentSize(int mmsg) {
        long controlLength = s.getLong(mmsg + 40);
        long base = structures.address();
        int offset = (int) (s.getLong(mmsg + 32) - base);
        int end = offset + (int) controlLength;
        while (offset + 16 <= end) {
            long length = s.getLong(offset);
            if (length < 16) {
                break;
            }
            if (s.getInt(offset + 8) == NativeIo.SOL_UDP && s.getInt(offset + 12) == NativeIo.UDP_GRO) {
                return s.getInt(offset + 16);
            }
            offset += (int) ((length + 7) & ~7L);
        }
        return 0;
    }

    private int iovOffset(int i) {
        return count * SendList.MMSGHDR + i * IOVEC;
    }

    private int nameOffset(int i) {
        return count * (SendList.MMSGHDR + IOVEC) + i * SOCKADDR_IN;
    }

    private int cmsgOffset(int i) {
        return count * (SendList.MMSGHDR + IOVEC + SOCKADDR_IN) + i * CMSG_SPACE;
    }
}
