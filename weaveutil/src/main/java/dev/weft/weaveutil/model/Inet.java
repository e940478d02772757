package dev.weft.weaveutil.model;

import dev.weft.weaveutil.addr.Ipv4;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Conversions between raw address bytes, {@link Ipv4} and {@link InetAddress}, without DNS. */
public final class Inet {
    private Inet() {
    }

    public static InetAddress of(Ipv4 ip) {
        return fromBytes(ip.toBytes());
    }

    public static InetAddress fromBytes(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("address of " + raw.length + " bytes is neither IPv4 nor IPv6");
        }
    }
}
