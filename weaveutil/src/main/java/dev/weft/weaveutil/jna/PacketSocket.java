package dev.weft.weaveutil.jna;

import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Sends one link-layer payload (the kernel adds the Ethernet header, with the EtherType of the
 * destination address) from a send-only AF_PACKET socket created in the calling thread's network namespace.
 */
public final class PacketSocket {
    public static final int ETH_P_ARP = 0x0806;
    private static final int ARPHRD_ETHER = 1;

    private PacketSocket() {
    }

    /** Sends {@code payload} with EtherType {@code protocol} to {@code destinationMac} out of link {@code ifIndex}. */
    public static void send(int ifIndex, int protocol, byte[] destinationMac, byte[] payload) {
        NativeSupport.ensureAvailable();
        // protocol 0: a socket that only sends, with no receive hook for the frames of that EtherType
        int fd = LibC.socket(LibC.AF_PACKET, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw new NativeCallException("open packet socket", Native.getLastError());
        }
        try {
            byte[] address = sockaddrLl(ifIndex, protocol, destinationMac);
            long sent = LibC.sendto(fd, payload, new NativeLong(payload.length), 0, address, address.length).longValue();
            if (sent < 0) {
                throw new NativeCallException("send packet on link #" + ifIndex, Native.getLastError());
            }
        } finally {
            DeferredClose.close(fd);
        }
    }

    /** {@code struct sockaddr_ll} (20 bytes). */
    static byte[] sockaddrLl(int ifIndex, int protocol, byte[] destinationMac) {
        ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder());
        b.putShort((short) LibC.AF_PACKET);
        b.order(ByteOrder.BIG_ENDIAN).putShort((short) protocol).order(ByteOrder.nativeOrder());
        b.putInt(ifIndex);
        b.putShort((short) ARPHRD_ETHER);
        b.put((byte) 0); // packet type: filled by the kernel on receive only
        b.put((byte) destinationMac.length);
        b.put(destinationMac);
        return b.array();
    }
}
