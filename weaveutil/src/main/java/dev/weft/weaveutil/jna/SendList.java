package dev.weft.weaveutil.jna;

import java.nio.ByteBuffer;

/**
 * Datagrams for one {@code sendmmsg}: each entry is a run of equal-size UDP datagrams laid out back
 * to back in memory (the last one may be shorter), for one IPv4 destination. A run of more than one
 * datagram is sent as one UDP GSO send ({@code UDP_SEGMENT}): the kernel cuts it into datagrams.
 * The structures live in native memory made once; filling the list allocates nothing.
 */
public final class SendList {
    static final int MMSGHDR = 64;
    private static final int IOVEC = 16;
    private static final int SOCKADDR_IN = 16;
    private static final int CMSG_SPACE_U16 = 24;
    private static final int PER_ENTRY = MMSGHDR + IOVEC + SOCKADDR_IN + CMSG_SPACE_U16;

    private final int capacity;
    private final IoBuffer structures;
    private final ByteBuffer s;
    private final int[] errors;
    private final int[] lengths;
    private final long[] addresses;
    private final int[] segmentSizes;
    private final int[] ipv4s;
    private final int[] ports;
    private int size;

    public SendList(int capacity) {
        this.capacity = capacity;
        this.structures = IoBuffer.allocate(capacity * PER_ENTRY);
        this.s = structures.nativeOrder();
        this.errors = new int[capacity];
        this.lengths = new int[capacity];
        this.addresses = new long[capacity];
        this.segmentSizes = new int[capacity];
        this.ipv4s = new int[capacity];
        this.ports = new int[capacity];
    }

    public int capacity() {
        return capacity;
    }

    public int size() {
        return size;
    }

    public boolean isFull() {
        return size == capacity;
    }

    public void clear() {
        size = 0;
    }

    /**
     * Adds a run.
     *
     * @param address     where the first datagram starts
     * @param length      all datagrams together
     * @param segmentSize the size of each datagram but the last; {@code >= length} for a single datagram
     * @param ipv4        destination address, big-endian as in {@code 198.18.0.12 = 0xc612000c}
     */
    public void add(long address, int length, int segmentSize, int ipv4, int port) {
        if (size == capacity) {
            throw new IllegalStateException("send list full (" + capacity + ")");
        }
        int i = size++;
        long base = structures.address();
        int mmsg = i * MMSGHDR;
        int iov = capacity * MMSGHDR + i * IOVEC;
        int name = capacity * (MMSGHDR + IOVEC) + i * SOCKADDR_IN;
        int cmsg = capacity * (MMSGHDR + IOVEC + SOCKADDR_IN) + i * CMSG_SPACE_U16;
        s.putLong(iov, address).putLong(iov + 8, length);
        s.putShort(name, (short) 2).put(name + 2, (byte) (port >>> 8)).put(name + 3, (byte) port);
        s.put(name + 4, (byte) (ipv4 >>> 24)).put(name + 5, (byte) (ipv4 >>> 16)).put(name + 6, (byte) (ipv4 >>> 8))
                .put(name + 7, (byte) ipv4).putLong(name + 8, 0);
        boolean segmented = segmentSize < length;
        if (segmented) {
            s.putLong(cmsg, 18).putInt(cmsg + 8, NativeIo.SOL_UDP).putInt(cmsg + 12, NativeIo.UDP_SEGMENT)
                    .putShort(cmsg + 16, (short) segmentSize).putShort(cmsg + 18, (short) 0).putInt(cmsg + 20, 0);
        }
        s.putLong(mmsg, base + name).putInt(mmsg + 8, SOCKADDR_IN).putInt(mmsg + 12, 0);
        s.putLong(mmsg + 16, base + iov).putLong(mmsg + 24, 1);
        s.putLong(mmsg + 32, segmented ? base + cmsg : 0).putLong(mmsg + 40, segmented ? CMSG_SPACE_U16 : 0);
        s.putInt(mmsg + 48, 0).putInt(mmsg + 56, 0);
        errors[i] = 0;
        lengths[i] = length;
        addresses[i] = address;
        segmentSizes[i] = Math.min(segmentSize, length);
        ipv4s[i] = ipv4;
        ports[i] = port;
    }

    /** errno of entry {@code i} after a send, 0 if it went out. */
    public int error(int i) {
        return errors[i];
    }

    public int length(int i) {
        return lengths[i];
    }

    public long address(int i) {
        return addresses[i];
    }

    /** The size of each datagram of entry {@code i} but the last. */
    public int segmentSize(int i) {
        return segmentSizes[i];
    }

    public int ipv4(int i) {
        return ipv4s[i];
    }

    public int port(int i) {
        return ports[i];
    }

    void setError(int i, int errno) {
        errors[i] = errno;
    }

    long messagesAddress(int from) {
        return structures.address() + (long) from * MMSGHDR;
    }
}
