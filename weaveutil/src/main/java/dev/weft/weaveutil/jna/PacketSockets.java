package dev.weft.weaveutil.jna;

import com.sun.jna.Native;
import java.util.function.IntConsumer;

/** Opening an AF_PACKET socket for every protocol, bound to one link (non-blocking, close-on-exec). */
final class PacketSockets {
    private static final int ETH_P_ALL = 0x0003;
    private static final int SOCKADDR_LL = 20;

    private PacketSockets() {
    }

    /**
     * @param scratch   native memory of at least {@value #SOCKADDR_LL} bytes for the link address
     * @param configure sets socket options on the new descriptor before it is bound; may throw
     * @return the descriptor; on failure it is closed and a {@link NativeCallException} names the step
     */
    static int openBound(int ifIndex, IoBuffer scratch, IntConsumer configure) {
        NativeSupport.ensureAvailable();
        int protocol = Short.toUnsignedInt(Short.reverseBytes((short) ETH_P_ALL));
        int fd = NativeIo.socket(LibC.AF_PACKET, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC | NativeIo.SOCK_NONBLOCK, protocol);
        if (fd < 0) {
            throw new NativeCallException("open packet socket", Native.getLastError());
        }
        try {
            configure.accept(fd);
            scratch.nativeOrder().putShort(0, (short) LibC.AF_PACKET).put(2, (byte) 0).put(3, (byte) ETH_P_ALL)
                    .putInt(4, ifIndex).putLong(8, 0).putInt(16, 0);
            if (NativeIo.bind(fd, scratch.address(), SOCKADDR_LL) != 0) {
                throw new NativeCallException("bind packet socket to link #" + ifIndex, Native.getLastError());
            }
            return fd;
        } catch (RuntimeException e) {
            NativeIo.close(fd);
            throw e;
        }
    }
}
