package dev.weft.weaveutil.jna;

import com.sun.jna.Native;
import java.nio.ByteBuffer;

/** {@code poll(2)} on one descriptor, with a caller-owned {@code struct pollfd}. */
final class Poll {
    private Poll() {
    }

    static boolean readable(int fd, IoBuffer pollFd, int timeoutMillis) {
        ByteBuffer p = pollFd.nativeOrder();
        p.putInt(0, fd).putShort(4, (short) NativeIo.POLLIN).putShort(6, (short) 0);
        int n = NativeIo.poll(pollFd.address(), 1, timeoutMillis);
        if (n < 0) {
            int errno = Native.getLastError();
            if (errno == NativeIo.EINTR) {
                return false;
            }
            throw new NativeCallException("poll", errno);
        }
        return n > 0;
    }
}
