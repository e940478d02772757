package dev.weft.weaveutil.jna;

import com.sun.jna.Native;
import java.net.Inet4Address;
import java.nio.ByteBuffer;

/**
 * An IPv4 UDP socket for a packet loop: batched sends ({@code sendmmsg}, with UDP GSO per run) and
 * batched, non-blocking receives ({@code recvmmsg}, with UDP GRO when enabled), on memory made
 * once. Sends block when the socket buffer is full, which paces the sender; receives never block:
 * wait with {@link #awaitReadable(int)}. Created in the calling thread's network namespace.
 */
public final class UdpSocket implements AutoCloseable {
    private static final int AF_INET = 2;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;

    private final int fd;
    private final int port;
    private final IoBuffer scratch = IoBuffer.allocate(64);
    private final ByteBuffer s = scratch.nativeOrder();
    private final IoBuffer pollFd = IoBuffer.allocate(8);
    private volatile boolean closed;

    private UdpSocket(int fd, int port) {
        this.fd = fd;
        this.port = port;
    }

    /** Binds to {@code address} (null = every address) and {@code port}; {@code EADDRINUSE} names the port. */
    public static UdpSocket bind(Inet4Address address, int port) {
        NativeSupport.ensureAvailable();
        int fd = NativeIo.socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw new NativeCallException("open UDP socket", Native.getLastError());
        }
        UdpSocket socket = new UdpSocket(fd, port);
        try {
            socket.s.putShort(0, (short) AF_INET).put(2, (byte) (port >>> 8)).put(3, (byte) port);
            byte[] ip = address == null ? new byte[4] : address.getAddress();
            for (int i = 0; i < 4; i++) {
                socket.s.put(4 + i, ip[i]);
            }
            socket.s.putLong(8, 0);
            if (NativeIo.bind(fd, socket.scratch.address(), 16) != 0) {
                throw new NativeCallException("bind UDP port " + port, Native.getLastError());
            }
            return socket;
        } catch (RuntimeException e) {
            NativeIo.close(fd);
            throw e;
        }
    }

    public int port() {
        return port;
    }

    /** {@code UDP_GRO}: receives may join datagrams of one flow; false if the kernel lacks it. */
    public boolean enableGro() {
        return setInt(NativeIo.SOL_UDP, NativeIo.UDP_GRO, 1) == 0;
    }

    /**
     * Sets DF on every datagram without letting the kernel's path-MTU cache refuse sends
     * ({@code IP_PMTUDISC_PROBE}): the caller sizes datagrams from the path MTU it verified itself.
     */
    public void setDontFragmentProbing() {
        check(setInt(NativeIo.SOL_IP, NativeIo.IP_MTU_DISCOVER, NativeIo.IP_PMTUDISC_PROBE), "set IP_PMTUDISC_PROBE");
    }

    /** Socket buffer sizes; as root beyond {@code net.core.[rw]mem_max}. */
    public void setBufferSizes(int receive, int send) {
        if (setInt(NativeIo.SOL_SOCKET, NativeIo.SO_RCVBUFFORCE, receive) != 0) {
            setInt(NativeIo.SOL_SOCKET, NativeIo.SO_RCVBUF, receive);
        }
        if (setInt(NativeIo.SOL_SOCKET, NativeIo.SO_SNDBUFFORCE, send) != 0) {
            setInt(NativeIo.SOL_SOCKET, NativeIo.SO_SNDBUF, send);
        }
    }

    /**
     * Sends every entry; returns how many went out. An entry the kernel refuses (e.g.
     * {@code EMSGSIZE}: bigger than the outgoing device allows) is skipped with its errno recorded
     * in the list; the rest are still sent.
     */
    public int send(SendList list) {
        int sent = 0;
        int next = 0;
        while (next < list.size()) {
            int n = NativeIo.sendmmsg(fd, list.messagesAddress(next), list.size() - next, 0);
            if (n > 0) {
                next += n;
                sent += n;
                continue;
            }
            int errno = Native.getLastError();
            if (errno == NativeIo.EINTR) {
                continue;
            }
            if (closed) {
                break;
            }
            list.setError(next, errno);
            next++;
        }
        return sent;
    }

    /** Like {@link #send(SendList)} with one system call per entry (for measuring what batching saves). */
    public int sendEach(SendList list) {
        int sent = 0;
        for (int i = 0; i < list.size(); i++) {
            while (true) {
                int n = NativeIo.sendmmsg(fd, list.messagesAddress(i), 1, 0);
                if (n == 1) {
                    sent++;
                    break;
                }
                int errno = Native.getLastError();
                if (errno != NativeIo.EINTR) {
                    list.setError(i, errno);
                    break;
                }
            }
        }
        return sent;
    }

    /** Sends one datagram of {@code length} bytes at {@code address}; returns 0 or the errno. */
    public int sendTo(long address, int length, int ipv4, int destinationPort) {
        synchronized (scratch) {
            s.putShort(16, (short) AF_INET).put(18, (byte) (destinationPort >>> 8)).put(19, (byte) destinationPort);
            s.put(20, (byte) (ipv4 >>> 24)).put(21, (byte) (ipv4 >>> 16)).put(22, (byte) (ipv4 >>> 8))
                    .put(23, (byte) ipv4).putLong(24, 0);
            long n = NativeIo.sendto(fd, address, length, 0, scratch.address() + 16, 16);
            return n >= 0 ? 0 : Native.getLastError();
        }
    }

    /** Receives what is queued, up to the list's capacity, without waiting; 0 if nothing. */
    public int receive(ReceiveList list) {
        while (true) {
            long base = list.prepare();
            int n = NativeIo.recvmmsg(fd, base, list.capacity(), NativeIo.MSG_DONTWAIT, 0);
            if (n >= 0) {
                list.complete(n);
                return n;
            }
            int errno = Native.getLastError();
            if (errno == NativeIo.EAGAIN) {
                list.complete(0);
                return 0;
            }
            if (errno != NativeIo.EINTR) {
                if (closed) {
                    list.complete(0);
                    return 0;
                }
                throw new NativeCallException("receive on UDP port " + port, errno);
            }
        }
    }

    /** Waits up to {@code timeoutMillis} for something to receive; false on timeout or when closed. */
    public boolean awaitReadable(int timeoutMillis) {
        return Poll.readable(fd, pollFd, timeoutMillis) && !closed;
    }

    /**
     * The kernel's path MTU towards {@code ipv4} (its route's MTU, lowered by ICMP "fragmentation
     * needed" it received), through a throwaway connected socket in the calling thread's namespace.
     */
    public static int kernelPathMtu(int ipv4) {
        try (PathMtuQuery query = PathMtuQuery.open()) {
            return query.pathMtu(ipv4);
        }
    }

    private int setInt(int level, int name, int value) {
        synchronized (scratch) {
            s.putInt(32, value);
            return NativeIo.setsockopt(fd, level, name, scratch.address() + 32, 4) == 0 ? 0 : Native.getLastError();
        }
    }

    private void check(int errno, String what) {
        if (errno != 0) {
            throw new NativeCallException(what + " on UDP port " + port, errno);
        }
    }

    /** Wakes blocked calls and releases the port. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            NativeIo.shutdown(fd, NativeIo.SHUT_RDWR);
            NativeIo.close(fd);
        }
    }
}
