package dev.weft.weaveutil.jna;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import dev.weft.weaveutil.nl.NetlinkSocket;

/**
 * A NETLINK_ROUTE socket. It talks to the network namespace of the thread that created it, for
 * its whole life, whichever thread later uses it.
 */
public final class JnaNetlinkSocket implements NetlinkSocket {
    private static final int NETLINK_ROUTE = 0;
    private static final int SOL_NETLINK = 270;
    private static final int NETLINK_EXT_ACK = 11;
    private static final int EINTR = 4;
    private static final int BUFFER_SIZE = 256 * 1024;

    private final int fd;
    private final Memory sendBuffer = new Memory(64 * 1024);
    private final Memory receiveBuffer = new Memory(BUFFER_SIZE);
    private boolean closed;

    private JnaNetlinkSocket(int fd) {
        this.fd = fd;
    }

    /** Opens a socket bound to the calling thread's current network namespace. */
    public static JnaNetlinkSocket open() {
        NativeSupport.ensureAvailable();
        int fd = LibC.socket(LibC.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, NETLINK_ROUTE);
        if (fd < 0) {
            throw new NativeCallException("open netlink socket", Native.getLastError());
        }
        // Extended acks carry the kernel's own explanation of an error; older kernels lack them.
        LibC.setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, new int[] {1}, 4);
        return new JnaNetlinkSocket(fd);
    }

    @Override
    public synchronized void send(byte[] message) {
        Memory buffer = message.length <= sendBuffer.size() ? sendBuffer : new Memory(message.length);
        buffer.write(0, message, 0, message.length);
        while (true) {
            long sent = LibC.send(fd, buffer, new NativeLong(message.length), 0).longValue();
            if (sent >= 0) {
                return;
            }
            int errno = Native.getLastError();
            if (errno != EINTR) {
                throw new NativeCallException("send netlink request", errno);
            }
        }
    }

    @Override
    public synchronized byte[] receive() {
        while (true) {
            long received = LibC.recv(fd, receiveBuffer, new NativeLong(BUFFER_SIZE), 0).longValue();
            if (received >= 0) {
                return receiveBuffer.getByteArray(0, (int) received);
            }
            int errno = Native.getLastError();
            if (errno != EINTR) {
                throw new NativeCallException("receive netlink reply", errno);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            LibC.close(fd);
            sendBuffer.close();
            receiveBuffer.close();
        }
    }
}
