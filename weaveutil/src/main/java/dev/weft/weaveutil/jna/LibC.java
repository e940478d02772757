package dev.weft.weaveutil.jna;

import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The few libc calls weaveutil needs, bound by JNA direct mapping (cheap calls, no reflection per
 * call). After a failing call {@link Native#getLastError()} holds errno for the calling thread.
 */
final class LibC {
    static final int O_RDONLY = 0;
    static final int O_RDWR = 2;
    static final int O_CLOEXEC = 0x80000;

    static final int AF_INET = 2;
    static final int AF_NETLINK = 16;
    static final int AF_PACKET = 17;
    static final int SOCK_RAW = 3;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_CLOEXEC = 0x80000;

    static final int CLONE_NEWNET = 0x40000000;
    static final int MS_BIND = 4096;
    static final int MNT_DETACH = 2;

    static {
        Native.register(Platform.C_LIBRARY_NAME);
    }

    private LibC() {
    }

    static native int socket(int domain, int type, int protocol);

    static native int setsockopt(int fd, int level, int name, int[] value, int length);

    static native NativeLong send(int fd, Pointer buf, NativeLong length, int flags);

    static native NativeLong recv(int fd, Pointer buf, NativeLong length, int flags);

    static native NativeLong sendto(int fd, byte[] buf, NativeLong length, int flags, byte[] address, int addressLength);

    static native int ioctl(int fd, NativeLong request, Pointer argument);

    static native int open(String path, int flags);

    static native NativeLong read(int fd, Pointer buf, NativeLong count);

    static native NativeLong write(int fd, Pointer buf, NativeLong count);

    static native int close(int fd);

    static native int setns(int fd, int nstype);

    static native int unshare(int flags);

    static native int mount(String source, String target, String fsType, NativeLong flags, Pointer data);

    static native int umount2(String target, int flags);

    static native String strerror(int errno);
}
