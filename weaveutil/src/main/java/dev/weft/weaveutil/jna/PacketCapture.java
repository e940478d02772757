package dev.weft.weaveutil.jna;

import com.sun.jna.Native;

/**
 * An AF_PACKET socket on one link that passes frames with a {@code virtio_net_hdr} in front
 * ({@code PACKET_VNET_HDR}), so GSO frames and partial checksums cross it whole like an offloaded
 * TAP; frames this socket sent are not read back. The alternative to a TAP port for the sleeve,
 * kept for measuring the two against each other. Non-blocking; calling thread's namespace.
 */
public final class PacketCapture implements AutoCloseable {
    private static final int SOL_PACKET = 263;
    private static final int PACKET_VNET_HDR = 15;
    private static final int PACKET_IGNORE_OUTGOING = 23;

    private final int fd;
    private final int ifIndex;
    private final IoBuffer pollFd = IoBuffer.allocate(8);
    private volatile boolean closed;

    private PacketCapture(int fd, int ifIndex) {
        this.fd = fd;
        this.ifIndex = ifIndex;
    }

    public static PacketCapture open(int ifIndex) {
        IoBuffer scratch = IoBuffer.allocate(64);
        int fd = PacketSockets.openBound(ifIndex, scratch, socket -> {
            option(socket, scratch, PACKET_VNET_HDR, "PACKET_VNET_HDR");
            option(socket, scratch, PACKET_IGNORE_OUTGOING, "PACKET_IGNORE_OUTGOING");
        });
        return new PacketCapture(fd, ifIndex);
    }

    private static void option(int fd, IoBuffer scratch, int name, String what) {
        scratch.nativeOrder().putInt(32, 1);
        if (NativeIo.setsockopt(fd, SOL_PACKET, name, scratch.address() + 32, 4) != 0) {
            throw new NativeCallException("set " + what, Native.getLastError());
        }
    }

    /** The next frame (vnet header first) at {@code address}; its length, or -1 when none is queued. */
    public int read(long address, int capacity) {
        while (true) {
            long n = NativeIo.recvfrom(fd, address, capacity, NativeIo.MSG_DONTWAIT, 0, 0);
            if (n >= 0) {
                return (int) n;
            }
            int errno = Native.getLastError();
            if (errno == NativeIo.EAGAIN || closed) {
                return -1;
            }
            if (errno != NativeIo.EINTR) {
                throw new NativeCallException("receive on link #" + ifIndex, errno);
            }
        }
    }

    /** Sends one frame (vnet header first); 0 or the errno. */
    public int write(long address, int length) {
        long n = NativeIo.sendto(fd, address, length, 0, 0, 0);
        return n >= 0 ? 0 : Native.getLastError();
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
