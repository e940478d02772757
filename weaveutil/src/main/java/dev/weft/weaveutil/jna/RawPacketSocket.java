package dev.weft.weaveutil.jna;

import com.sun.jna.Native;
import java.nio.ByteBuffer;

/**
 * An AF_PACKET socket bound to one link that sends and receives whole Ethernet frames: for
 * low-rate control frames (fast-path heartbeats) on a device that carries nothing else. Receives
 * skip the frames this host sent. Non-blocking; created in the calling thread's network namespace.
 */
public final class RawPacketSocket implements AutoCloseable {
    private static final int PACKET_OUTGOING = 4;
    private static final int SOCKADDR_LL = 20;

    private final int fd;
    private final int ifIndex;
    private final IoBuffer frame = IoBuffer.allocate(65536);
    private final IoBuffer address;
    private final IoBuffer pollFd = IoBuffer.allocate(8);
    private volatile boolean closed;

    private RawPacketSocket(int fd, int ifIndex, IoBuffer address) {
        this.fd = fd;
        this.ifIndex = ifIndex;
        this.address = address;
    }

    public static RawPacketSocket open(int ifIndex) {
        IoBuffer address = IoBuffer.allocate(32);
        return new RawPacketSocket(PacketSockets.openBound(ifIndex, address, fd -> { }), ifIndex, address);
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
