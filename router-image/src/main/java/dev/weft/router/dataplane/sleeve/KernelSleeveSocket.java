package dev.weft.router.dataplane.sleeve;

import dev.weft.weaveutil.jna.IoBuffer;
import dev.weft.weaveutil.jna.PathMtuQuery;
import dev.weft.weaveutil.jna.ReceiveList;
import dev.weft.weaveutil.jna.SendList;
import dev.weft.weaveutil.jna.UdpSocket;
import dev.weft.weaveutil.ns.NetNs;
import java.net.Inet4Address;

/**
 * The sleeve's UDP socket: GRO on receive, DF on every datagram (sizes come from verified path
 * MTUs, not the kernel's cache), large buffers so bursts of 64 KiB GSO sends are not dropped.
 */
public final class KernelSleeveSocket implements SleeveSocket {
    private static final int BUFFER_BYTES = 8 << 20;
    private final UdpSocket socket;
    private final PathMtuQuery pathMtu;
    private final boolean gro;
    private final boolean batch = SleeveTuning.fromSystemProperties().batch();

    private KernelSleeveSocket(UdpSocket socket, PathMtuQuery pathMtu) {
        this.socket = socket;
        this.pathMtu = pathMtu;
        this.gro = SleeveTuning.fromSystemProperties().gro() && socket.enableGro();
        socket.setDontFragmentProbing();
        socket.setBufferSizes(BUFFER_BYTES, BUFFER_BYTES);
    }

    /** Binds UDP {@code port} on every address of {@code ns}. */
    public static KernelSleeveSocket bind(NetNs ns, Inet4Address address, int port) throws Exception {
        UdpSocket socket = ns.call(() -> UdpSocket.bind(address, port));
        try {
            return new KernelSleeveSocket(socket, ns.call(PathMtuQuery::open));
        } catch (Exception | Error e) {
            socket.close();
            throw e;
        }
    }

    public boolean groEnabled() {
        return gro;
    }

    @Override
    public int send(SendList list) {
        if (batch) {
            return socket.send(list);
        }
        return socket.sendEach(list);
    }

    @Override
    public int sendTo(IoBuffer buffer, int offset, int length, int ipv4, int port) {
        return socket.sendTo(buffer.address() + offset, length, ipv4, port);
    }

    @Override
    public int receive(ReceiveList list) {
        return socket.receive(list);
    }

    @Override
    public boolean awaitReadable(int timeoutMillis) {
        return socket.awaitReadable(timeoutMillis);
    }

    @Override
    public int kernelPathMtu(int ipv4) {
        try {
            return pathMtu.pathMtu(ipv4);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        socket.close();
        pathMtu.close();
    }
}
