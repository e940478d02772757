package dev.weft.weaveutil.jna;

import com.sun.jna.Native;
import java.nio.ByteBuffer;

/**
 * Asks the kernel for its path MTU towards an address ({@code IP_MTU} of a UDP socket connected
 * there: the route's MTU, lowered by ICMP "fragmentation needed" received). The socket belongs to
 * the namespace of the thread that opened it and can be asked from any thread afterwards.
 */
public final class PathMtuQuery implements AutoCloseable {
    private static final int AF_INET = 2;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;

    private final int fd;
    private final IoBuffer scratch = IoBuffer.allocate(32);

    private PathMtuQuery(int fd) {
        this.fd = fd;
    }

    public static PathMtuQuery open() {
        NativeSupport.ensureAvailable();
        int fd = NativeIo.socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw new NativeCallException("open UDP socket", Native.getLastError());
        }
        return new PathMtuQuery(fd);
    }

    /** The path MTU towards {@code ipv4} (big-endian in an int). */
    public synchronized int pathMtu(int ipv4) {
        ByteBuffer v = scratch.nativeOrder();
        v.putShort(0, (short) AF_INET).put(2, (byte) (6783 >>> 8)).put(3, (byte) 6783);
        v.put(4, (byte) (ipv4 >>> 24)).put(5, (byte) (ipv4 >>> 16)).put(6, (byte) (ipv4 >>> 8)).put(7, (byte) ipv4)
                .putLong(8, 0);
        if (NativeIo.connect(fd, scratch.address(), 16) != 0) {
            throw new NativeCallException("route to " + Ipv4Text.of(ipv4), Native.getLastError());
        }
        v.putInt(24, 4);
        if (NativeIo.getsockopt(fd, NativeIo.SOL_IP, NativeIo.IP_MTU, scratch.address() + 16, scratch.address() + 24)
                != 0) {
            throw new NativeCallException("read path MTU to " + Ipv4Text.of(ipv4), Native.getLastError());
        }
        return v.getInt(16);
    }

    @Override
    public void close() {
        NativeIo.close(fd);
    }
}
