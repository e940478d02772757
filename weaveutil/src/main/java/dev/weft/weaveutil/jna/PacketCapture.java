package dev.weft.weaveutil.jna;

import com.sun.jna.Native;
import java.nio.ByteBuffer;

/**
 * An AF_PACKET socket on one link that passes frames with a {@code virtio_net_hdr} in front
 * ({@code PACKET_VNET_HDR}), so GSO frames and partial checksums cross it whole like an offloaded
 * TAP; frames this socket sent are not read back. The alternative to a TAP port for the sleeve,
 * kept for measuring the two against each other. Non-blocking; calling thread's namespace.
 */
public final class PacketCapture implements AutoCloseable {
    private static final int ETH_P_ALL = 0x0003;
    private static final int SOL_PACKET = 263;
    private static final int PACKET_VNET_HDR = 15;
    private static final int PACKET_IGNORE_OUTGOING = 23;
    private static final int SOCKADDR_LL = 20;

    private final int fd;
    private final int ifIndex;
    private final IoBuffer scratch = IoBuffer.allocate(64);
    private final IoBuffer pollFd = IoBuffer.allocate(8);
    private volatile boolean closed;

    private PacketCapture(int fd, int ifIndex) {
        this.fd = fd;
        this.ifIndex = ifIndex;
    }

    public static PacketCapture open(int ifIndex) {
        NativeSupport.ensureAvailable();
        int protocol = Short.toUnsignedInt(Short.reverseBytes((short) ETH_P_ALL));
        int fd = NativeIo.socket(LibC.AF_PACKET, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC | NativeIo.SOCK_NONBLOCK, protocol);
        if (fd < 0) {
            throw new NativeCallException("open packet socket", Native.getLastError());
        }
        PacketCapture capture = new PacketCapture(fd, ifIndex);
        try {
            capture.option(PACKET_VNET_HDR, "PACKET_VNET_HDR");
            capture.option(PACKET_IGNORE_OUTGOING, "PACKET_IGNORE_OUTGOING");
            ByteBuffer a = capture.scratch.nativeOrder();
            a.putShort(0, (short) LibC.AF_PACKET).put(2, (byte) 0).put(3, (byte) ETH_P_ALL).putInt(4, ifIndex)
                    .putLong(8, 0).putInt(16, 0);
            if (NativeIo.bind(fd, capture.scratch.address(), SOCKADDR_LL) != 0) {
                throw new NativeCallException("bind packet socket to link #" + ifIndex, Native.getLastError());
            }
            return capture;
        } catch (RuntimeException e) {
            NativeIo.close(fd);
            throw e;
        }
    }

    private void option(int name, String what) {
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
