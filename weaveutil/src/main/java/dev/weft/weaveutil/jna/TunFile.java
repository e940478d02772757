package dev.weft.weaveutil.jna;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.nio.charset.StandardCharsets;

/**
 * An open /dev/net/tun file attached to a TAP device. The device lives in the network namespace
 * of the thread that opened the file.
 */
public final class TunFile implements AutoCloseable {
    private static final long TUNSETIFF = 0x400454caL;
    private static final long TUNSETPERSIST = 0x400454cbL;
    private static final short IFF_TAP = 0x0002;
    private static final short IFF_NO_PI = 0x1000;
    private static final int IFNAMSIZ = 16;
    private static final int EINTR = 4;

    private final int fd;
    private final String name;
    private final Memory readBuffer = new Memory(65536 + 64);
    private final Memory writeBuffer = new Memory(65536 + 64);
    private volatile boolean closed;

    private TunFile(int fd, String name) {
        this.fd = fd;
        this.name = name;
    }

    /** {@code ip tuntap add NAME mode tap} plus an open file on it (frames without packet info). */
    public static TunFile openTap(String name, boolean persist) {
        int fd = FileDescriptors.openReadWrite("/dev/net/tun");
        try (Memory ifreq = new Memory(40)) {
            ifreq.clear();
            byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
            ifreq.write(0, bytes, 0, Math.min(bytes.length, IFNAMSIZ - 1));
            ifreq.setShort(IFNAMSIZ, (short) (IFF_TAP | IFF_NO_PI));
            if (LibC.ioctl(fd, new NativeLong(TUNSETIFF), ifreq) != 0) {
                throw new NativeCallException("create tap " + name, Native.getLastError());
            }
            String actual = ifreq.getString(0, StandardCharsets.US_ASCII.name());
            if (persist && LibC.ioctl(fd, new NativeLong(TUNSETPERSIST), new com.sun.jna.Pointer(1)) != 0) {
                throw new NativeCallException("make tap " + actual + " persistent", Native.getLastError());
            }
            return new TunFile(fd, actual);
        } catch (RuntimeException e) {
            LibC.close(fd);
            throw e;
        }
    }

    public String name() {
        return name;
    }

    /** Blocks for the next frame; returns its length. */
    public synchronized int read(byte[] frame) {
        while (true) {
            long n = LibC.read(fd, readBuffer, new NativeLong(Math.min(frame.length, readBuffer.size()))).longValue();
            if (n >= 0) {
                readBuffer.read(0, frame, 0, (int) n);
                return (int) n;
            }
            int errno = Native.getLastError();
            if (errno != EINTR) {
                throw new NativeCallException("read from tap " + name, errno);
            }
        }
    }

    public synchronized void write(byte[] frame, int length) {
        writeBuffer.write(0, frame, 0, length);
        long n = LibC.write(fd, writeBuffer, new NativeLong(length)).longValue();
        if (n < 0) {
            throw new NativeCallException("write to tap " + name, Native.getLastError());
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            LibC.close(fd);
        }
    }
}
