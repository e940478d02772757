package dev.weft.weaveutil.jna;

import com.sun.jna.Native;

/** Opening and closing raw file descriptors (namespace handles, /dev/net/tun). */
public final class FileDescriptors {
    private FileDescriptors() {
    }

    public static int openReadOnly(String path) {
        return open(path, LibC.O_RDONLY);
    }

    public static int openReadWrite(String path) {
        return open(path, LibC.O_RDWR);
    }

    /** Opens for reading and writing with extra {@code open(2)} flags (e.g. O_NONBLOCK). */
    static int openReadWrite(String path, int extraFlags) {
        return open(path, LibC.O_RDWR | extraFlags);
    }

    private static int open(String path, int mode) {
        NativeSupport.ensureAvailable();
        int fd = LibC.open(path, mode | LibC.O_CLOEXEC);
        if (fd < 0) {
            throw new NativeCallException("open " + path, Native.getLastError());
        }
        return fd;
    }

    public static void close(int fd) {
        if (fd >= 0) {
            LibC.close(fd);
        }
    }
}
