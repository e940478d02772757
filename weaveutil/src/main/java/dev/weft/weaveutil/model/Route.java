package dev.weft.weaveutil.model;

import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.addr.Ipv4;
import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * A route ({@code ip route}).
 *
 * @param destination null for a default route
 * @param gateway     null when directly connected
 * @param table       254 = main
 * @param scope       0 universe, 253 link, 254 host
 * @param protocol    2 kernel, 3 boot (what {@code ip route add} uses), 4 static
 * @param type        1 unicast, 2 local, 3 broadcast, 5 multicast
 */
public record Route(int family, InetAddress destination, int destinationLength, InetAddress gateway,
                    int outputIndex, int table, int scope, int protocol, int type, InetAddress preferredSource,
                    int priority) {
    public static final int TABLE_MAIN = 254;
    public static final int SCOPE_UNIVERSE = 0;
    public static final int SCOPE_LINK = 253;
    public static final int PROTOCOL_BOOT = 3;
    public static final int TYPE_UNICAST = 1;

    /** {@code ip route add CIDR dev IF scope link}. */
    public static Route linkScoped(Cidr destination, int outputIndex) {
        return new Route(2, Inet.of(destination.network().address()), destination.prefixLength(), null,
                outputIndex, TABLE_MAIN, SCOPE_LINK, PROTOCOL_BOOT, TYPE_UNICAST, null, 0);
    }

    /** {@code ip route add CIDR via GATEWAY [dev IF]}. */
    public static Route via(Cidr destination, Ipv4 gateway, int outputIndex) {
        return new Route(2, Inet.of(destination.network().address()), destination.prefixLength(), Inet.of(gateway),
                outputIndex, TABLE_MAIN, SCOPE_UNIVERSE, PROTOCOL_BOOT, TYPE_UNICAST, null, 0);
    }

    public boolean isDefault() {
        return destination == null || destinationLength == 0;
    }

    /** The IPv4 destination as a CIDR (0.0.0.0/0 for a default route); fails for IPv6. */
    public Cidr destinationCidr() {
        if (family != 2) {
            throw new IllegalStateException("not an IPv4 route");
        }
        Ipv4 ip = destination instanceof Inet4Address ? Ipv4.fromBytes(destination.getAddress()) : new Ipv4(0);
        return new Cidr(ip, destinationLength);
    }

    @Override
    public String toString() {
        String dst = isDefault() ? "default" : destination.getHostAddress() + "/" + destinationLength;
        return dst + (gateway != null ? " via " + gateway.getHostAddress() : "") + " oif " + outputIndex
                + " table " + table + " scope " + scope;
    }
}
