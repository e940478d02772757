package dev.weft.weaveutil.addr;

/**
 * An IPv4 address with a prefix length, e.g. {@code 10.32.0.1/12}. The address may have host bits
 * set (an interface address); {@link #network()} gives the subnet it lies in.
 */
public record Cidr(Ipv4 address, int prefixLength) implements Comparable<Cidr> {

    public Cidr {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("invalid prefix length: " + prefixLength);
        }
    }

    /** Parses {@code a.b.c.d/len}; rejects anything else with a message naming the input. */
    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("invalid CIDR address: " + text);
        }
        String len = text.substring(slash + 1);
        if (len.isEmpty() || len.length() > 2 || !len.chars().allMatch(Character::isDigit)
                || Integer.parseInt(len) > 32) {
            throw new IllegalArgumentException("invalid CIDR address: " + text);
        }
        Ipv4 address;
        try {
            address = Ipv4.parse(text.substring(0, slash));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid CIDR address: " + text);
        }
        return new Cidr(address, Integer.parseInt(len));
    }

    /** Parses a subnet: like {@link #parse} but host bits must be zero. */
    public static Cidr parseSubnet(String text) {
        Cidr cidr = parse(text);
        if (!cidr.isNetwork()) {
            throw new IllegalArgumentException("invalid subnet - bits after network prefix are not all zero: " + text);
        }
        return cidr;
    }

    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public int mask() {
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }

    public boolean isNetwork() {
        return (address.bits() & ~mask()) == 0;
    }

    public Cidr network() {
        return new Cidr(new Ipv4(address.bits() & mask()), prefixLength);
    }

    public Ipv4 first() {
        return new Ipv4(address.bits() & mask());
    }

    public Ipv4 last() {
        return new Ipv4((address.bits() & mask()) | ~mask());
    }

    public long size() {
        return 1L << (32 - prefixLength);
    }

    public boolean contains(Ipv4 ip) {
        return (ip.bits() & mask()) == (address.bits() & mask());
    }

    public boolean contains(Cidr other) {
        return other.prefixLength >= prefixLength && contains(other.address);
    }

    public boolean overlaps(Cidr other) {
        return contains(other.first()) || other.contains(first());
    }

    /** The same address with another prefix length, e.g. an allocated IP in its subnet. */
    public Cidr withPrefix(int newPrefixLength) {
        return new Cidr(address, newPrefixLength);
    }

    public static Cidr of(Ipv4 ip, int prefixLength) {
        return new Cidr(ip, prefixLength);
    }

    @Override
    public int compareTo(Cidr other) {
        int c = address.compareTo(other.address);
        return c != 0 ? c : Integer.compare(prefixLength, other.prefixLength);
    }

    @Override
    public String toString() {
        return address + "/" + prefixLength;
    }
}
