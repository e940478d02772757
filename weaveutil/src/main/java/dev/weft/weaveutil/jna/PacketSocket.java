package dev.weft.weaveutil.jna;

import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Sends one link-layer payload (the kernel adds the Ethernet header) from an AF_PACKET socket
 * created in the calling thread's network namespace.
 */
public final class PacketSocket {
    public static final int ETH_P_ARP = 0x0806;
    private static final int ARPHRD_ETHER = 1;

    private PacketSocket() {
    }

    /** Sends {@code payload} with EtherType {@code protocol} to {@code destinationMac} out of link {@code ifIndex}. */
    public static void send(int ifIndex, int protocol, byte[] destinationMac, byte[] payload) {
        NativeSupport.ensureAvailable();
        int fd = LibC.socket(LibC.AF_PACKET, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, networkOrder16(protocol));
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
            LibC.close(fd);
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

    private static int networkOrder16(int value) {
        return ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN ? value
                : ((value & 0xff) << 8) | ((value >>> 8) & 0xff);
    }
}
