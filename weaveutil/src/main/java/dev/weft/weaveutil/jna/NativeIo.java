package dev.weft.weaveutil.jna;

import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * The libc calls of the packet paths, bound by JNA direct mapping with raw addresses ({@code long})
 * instead of {@code Pointer}s, so a call allocates nothing. Addresses come from {@link IoBuffer}s
 * and the structures built in them. After a failing call {@link Native#getLastError()} holds errno.
 */
final class NativeIo {
    static final int SOL_SOCKET = 1;
    static final int SOL_IP = 0;
    static final int SOL_UDP = 17;
    static final int SO_SNDBUF = 7;
    static final int SO_RCVBUF = 8;
    static final int SO_SNDBUFFORCE = 32;
    static final int SO_RCVBUFFORCE = 33;
    static final int SO_ATTACH_FILTER = 26;
    static final int IP_MTU_DISCOVER = 10;
    static final int IP_MTU = 14;
    static final int IP_PMTUDISC_DONT = 0;
    static final int IP_PMTUDISC_DO = 2;
    static final int IP_PMTUDISC_PROBE = 3;
    static final int UDP_SEGMENT = 103;
    static final int UDP_GRO = 104;
    static final int MSG_DONTWAIT = 0x40;
    static final int POLLIN = 1;
    static final int SOCK_NONBLOCK = 0x800;
    static final int O_NONBLOCK = 0x800;
    static final int SHUT_RDWR = 2;
    static final int EAGAIN = 11;
    static final int EINTR = 4;

    static {
        Native.register(Platform.C_LIBRARY_NAME);
    }

    private NativeIo() {
    }

    static native long read(int fd, long buffer, long count);

    static native long write(int fd, long buffer, long count);

    static native long writev(int fd, long iovecs, int count);

    static native long sendto(int fd, long buffer, long length, int flags, long address, int addressLength);

    static native long recvfrom(int fd, long buffer, long length, int flags, long address, long addressLength);

    static native int sendmmsg(int fd, long messages, int count, int flags);

    static native int recvmmsg(int fd, long messages, int count, int flags, long timeout);

    static native int poll(long fds, long count, int timeoutMillis);

    static native int setsockopt(int fd, int level, int name, long value, int length);

    static native int getsockopt(int fd, int level, int name, long value, long length);

    static native int bind(int fd, long address, int length);

    static native int connect(int fd, long address, int length);

    static native int shutdown(int fd, int how);

    static native int close(int fd);

    static native int socket(int domain, int type, int protocol);

    static native int ioctl(int fd, long request, long argument);

    static native int open(String path, int flags);
}
