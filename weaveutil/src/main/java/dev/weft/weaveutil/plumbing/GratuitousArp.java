package dev.weft.weaveutil.plumbing;

import dev.weft.weaveutil.addr.Ipv4;
import dev.weft.weaveutil.addr.Mac;
import java.nio.ByteBuffer;

/**
 * The ARP payload announcing "IP is at MAC" (a request whose sender and target address are both
 * IP), broadcast so neighbours update their caches.
 */
public final class GratuitousArp {
    public static final byte[] BROADCAST = {-1, -1, -1, -1, -1, -1};

    private GratuitousArp() {
    }

    public static byte[] payload(Mac mac, Ipv4 ip) {
        ByteBuffer b = ByteBuffer.allocate(28); // network byte order
        b.putShort((short) 1);       // hardware type: Ethernet
        b.putShort((short) 0x0800);  // protocol type: IPv4
        b.put((byte) 6).put((byte) 4);
        b.putShort((short) 1);       // operation: request
        b.put(mac.toBytes()).put(ip.toBytes());
        b.put(new byte[6]).put(ip.toBytes());
        return b.array();
    }
}
