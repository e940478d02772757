package dev.weft.weaveutil.jna;

import com.sun.jna.Native;
import java.nio.ByteBuffer;

/**
 * An AF_PACKET socket bound to one link that sends and receives whole Ethernet frames: for
 * low-rate control frames (fast-path heartbeats) on a device that carries nothing else. Receives
 * skip the frames this host sent. Non-blocking; created in the calling thread's network namespace.
 */
public final class RawPacketSocket implements AutoCloseable {
    private static final int ETH_P_ALL = 0x0003;
    private static final int PACKET_OUTGOING = 4;
    private static final int SOCKADDR_LL = 20;

    private final int fd;
    private final int ifIndex;
    private final IoBuffer frame = IoBuffer.allocate(65536);
    private final IoBuffer address = IoBuffer.allocate(32);
    private final IoBuffer pollFd = IoBuffer.allocate(8);
    private volatile boolean closed;

    private RawPacketSocket(int fd, int ifIndex) {
        this.fd = fd;
        this.ifIndex = ifIndex;
    }

    public static RawPacketSocket open(int ifIndex) {
        NativeSupport.ensureAvailable();
        int protocol = Short.toUnsignedInt(Short.reverseBytes((short) ETH_P_ALL));
        int fd = NativeIo.socket(LibC.AF_PACKET, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC | NativeIo.SOCK_NONBLOCK, protocol);
        if (fd < 0) {
            throw new NativeCallException("open packet socket", Native.getLastError());
        }
        RawPacketSocket socket = new RawPacketSocket(fd, ifIndex);
        ByteBuffer a = socket.address.nativeOrder();
        a.putShort(0, (short) LibC.AF_PACKET).put(2, (byte) 0).put(3, (byte) ETH_P_ALL).putInt(4, ifIndex);
        if (NativeIo.bind(fd, socket.address.address(), SOCKADDR_LL) != 0) {
            int errno = Native.getLastError();
            NativeIo.close(fd);
            throw new NativeCallException("bind packet socket to link #" + ifIndex, errno);
        }
        return socket;
    }

    /** Sends one Ethernet frame out of the link; returns 0 or the errno. */
    public synchronized int send(byte[] ethernetFrame, int length) {
        frame.buffer().put(0, ethernetFrame, 0, length);
        long n = NativeIo.sendto(fd, frame.address(), length, 0, 0, 0);
        return n >= 0 ? 0 : Native.getLastError();
    }

    /** The next frame received on the link into {@code into}; its length, or -1 when none is queued. */
    public synchronized int receive(byte[] into) {
        while (true) {
            ByteBuffer a = address.nativeOrder();
            a.putInt(24, SOCKADDR_LL);
            long n = NativeIo.recvfrom(fd, frame.address(), frame.capacity(), NativeIo.MSG_DONTWAIT,
                    address.address(), address.address() + 24);
            if (n < 0) {
                int errno = Native.getLastError();
                if (errno == NativeIo.EAGAIN || closed) {
                    return -1;
                }
                if (errno == NativeIo.EINTR) {
                    continue;
                }
                throw new NativeCallException("receive on link #" + ifIndex, errno);
            }
            if ((a.get(10) & 0xff) == PACKET_OUTGOING) {
                continue;
            }
            int length = (int) Math.min(n, into.length);
            frame.buffer().get(0, into, 0, length);
            return length;
        }
    }

    public boolean awaitReadable(int timeoutMillis) {
        return Poll.readable(fd, pollFd, timeoutMillis) && !closed;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            NativeIo.close(fd);
        }
    }
}
