package dev.weft.weaveutil.model;

import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.addr.Ipv4;
import java.net.Inet4Address;
import java.net.InetAddress;

/** An interface address ({@code ip addr}): IPv4 or IPv6. */
public record Address(int linkIndex, InetAddress ip, int prefixLength, int scope, String label) {

    public static Address of(int linkIndex, Cidr cidr) {
        return new Address(linkIndex, Inet.of(cidr.address()), cidr.prefixLength(), 0, null);
    }

    public boolean isIpv4() {
        return ip instanceof Inet4Address;
    }

    /** This IPv4 address as a CIDR; fails for IPv6. */
    public Cidr toCidr() {
        if (!isIpv4()) {
            throw new IllegalStateException("not an IPv4 address: " + ip.getHostAddress());
        }
        return new Cidr(Ipv4.fromBytes(ip.getAddress()), prefixLength);
    }

    @Override
    public String toString() {
        return ip.getHostAddress() + "/" + prefixLength;
    }
}
