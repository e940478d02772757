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
    private static final short IFF_VNET_HDR = 0x4000;
    private static final long TUNSETOFFLOAD = 0x400454d0L;
    private static final int IFNAMSIZ = 16;
    private static final int EINTR = 4;

    private final int fd;
    private final String name;
    private final Memory readBuffer = new Memory(65536 + 64);
    private final Memory writeBuffer = new Memory(65536 + 64);
    private final IoBuffer pollFd = IoBuffer.allocate(8);
    private final TapOptions options;
    private volatile boolean closed;

    private TunFile(int fd, String name, TapOptions options) {
        this.fd = fd;
        this.name = name;
        this.options = options;
    }

    /** {@code ip tuntap add NAME mode tap} plus an open file on it (frames without packet info). */
    public static TunFile openTap(String name, boolean persist) {
        return openTap(name, persist, TapOptions.PLAIN);
    }

    /**
     * Creates (or attaches to) TAP device {@code name} and opens it as {@code options} say; a
     * non-persistent device goes away when the file is closed (or its process dies).
     */
    public static TunFile openTap(String name, boolean persist, TapOptions options) {
        int fd = FileDescriptors.openReadWrite("/dev/net/tun", options.nonBlocking() ? NativeIo.O_NONBLOCK : 0);
        try (Memory ifreq = new Memory(40)) {
            ifreq.clear();
            byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
            ifreq.write(0, bytes, 0, Math.min(bytes.length, IFNAMSIZ - 1));
            ifreq.setShort(IFNAMSIZ, (short) (IFF_TAP | IFF_NO_PI | (options.vnetHeader() ? IFF_VNET_HDR : 0)));
            if (LibC.ioctl(fd, new NativeLong(TUNSETIFF), ifreq) != 0) {
                throw new NativeCallException("create tap " + name, Native.getLastError());
            }
            String actual = ifreq.getString(0, StandardCharsets.US_ASCII.name());
            if (persist && LibC.ioctl(fd, new NativeLong(TUNSETPERSIST), new com.sun.jna.Pointer(1)) != 0) {
                throw new NativeCallException("make tap " + actual + " persistent", Native.getLastError());
            }
            if (options.offloads() != 0 && NativeIo.ioctl(fd, TUNSETOFFLOAD, options.offloads()) != 0) {
                throw new NativeCallException("set offloads of tap " + actual, Native.getLastError());
            }
            return new TunFile(fd, actual, options);
        } catch (RuntimeException e) {
            LibC.close(fd);
            throw e;
        }
    }

    public TapOptions options() {
        return options;
    }

    /**
     * Reads the next frame (with its vnet header when enabled) into native memory at
     * {@code address}; returns its length, or -1 when a non-blocking file has nothing queued.
     */
    public int read(long address, int capacity) {
        while (true) {
            long n = NativeIo.read(fd, address, capacity);
            if (n >= 0) {
                return (int) n;
            }
            int errno = Native.getLastError();
            if (errno == NativeIo.EAGAIN) {
                return -1;
            }
            if (errno != EINTR) {
                throw new NativeCallException("read from tap " + name, errno);
            }
        }
    }

    /** Writes one frame (with its vnet header when enabled) from native memory; errno on failure, else 0. */
    public int write(long address, int length) {
        while (true) {
            long n = NativeIo.write(fd, address, length);
            if (n >= 0) {
                return 0;
            }
            int errno = Native.getLastError();
            if (errno != EINTR) {
                return errno;
            }
        }
    }

    /** Waits up to {@code timeoutMillis} for a frame to read; false on timeout or when closed. */
    public boolean awaitReadable(int timeoutMillis) {
        return Poll.readable(fd, pollFd, timeoutMillis) && !closed;
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
