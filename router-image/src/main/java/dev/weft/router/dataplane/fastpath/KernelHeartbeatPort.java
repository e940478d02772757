package dev.weft.router.dataplane.fastpath;

import dev.weft.weaveutil.jna.RawPacketSocket;
import dev.weft.weaveutil.ns.NetNs;

/** Heartbeats through a raw packet socket bound to the heartbeat VXLAN device. */
public final class KernelHeartbeatPort implements HeartbeatPort {
    private final RawPacketSocket socket;

    private KernelHeartbeatPort(RawPacketSocket socket) {
        this.socket = socket;
    }

    public static KernelHeartbeatPort open(NetNs ns, int ifIndex) throws Exception {
        return new KernelHeartbeatPort(ns.call(() -> RawPacketSocket.open(ifIndex)));
    }

    @Override
    public int send(byte[] frame, int length) {
        return socket.send(frame, length);
    }

    @Override
    public int receive(byte[] into) {
        return socket.receive(into);
    }

    @Override
    public boolean awaitReadable(int timeoutMillis) {
        return socket.awaitReadable(timeoutMillis);
    }

    @Override
    public void close() {
        socket.close();
    }
}
