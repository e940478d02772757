package dev.weft.router.dataplane.sleeve;

import dev.weft.weaveutil.jna.IoBuffer;
import dev.weft.weaveutil.jna.PacketCapture;
import dev.weft.weaveutil.ns.NetNs;

/**
 * The sleeve's bridge port as a veth pair with a packet socket on the far end (the original's
 * {@code vethwe-bridge}/{@code vethwe-pcap} layout) instead of a TAP; frames carry vnet headers
 * either way. Kept to measure the two designs against each other ({@code weft.sleeve.capture=packet}).
 */
public final class PacketSocketPort implements TapPort {
    private final PacketCapture capture;

    private PacketSocketPort(PacketCapture capture) {
        this.capture = capture;
    }

    public static PacketSocketPort open(NetNs ns, int ifIndex) throws Exception {
        return new PacketSocketPort(ns.call(() -> PacketCapture.open(ifIndex)));
    }

    @Override
    public int read(IoBuffer buffer, int offset, int capacity) {
        return capture.read(buffer.address() + offset, capacity);
    }

    @Override
    public int write(IoBuffer buffer, int offset, int length) {
        return capture.write(buffer.address() + offset, length);
    }

    @Override
    public boolean awaitReadable(int timeoutMillis) {
        return capture.awaitReadable(timeoutMillis);
    }

    @Override
    public void close() {
        capture.close();
    }
}
