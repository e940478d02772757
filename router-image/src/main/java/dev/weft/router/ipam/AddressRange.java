package dev.weft.router.ipam;

import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.addr.Ipv4;

/** Addresses {@code start} (inclusive) to {@code end} (exclusive), as unsigned 32-bit values in longs. */
public record AddressRange(long start, long end) {
    public AddressRange {
        if (start < 0 || end > (1L << 32) || start > end) {
            throw new IllegalArgumentException("invalid address range " + start + ".." + end);
        }
    }

    /** All addresses of a CIDR block, first and last included. */
    public static AddressRange of(Cidr cidr) {
        return new AddressRange(cidr.first().unsigned(), cidr.first().unsigned() + cidr.size());
    }

    /** The addresses a subnet hands out: all but its first (network) and last (broadcast) address. */
    public static AddressRange hostsOf(Cidr subnet) {
        AddressRange all = of(subnet);
        if (all.size() < 2) {
            return new AddressRange(all.start, all.start);
        }
        return new AddressRange(all.start + 1, all.end - 1);
    }

    public long size() {
        return end - start;
    }

    public boolean contains(long address) {
        return address >= start && address < end;
    }

    public AddressRange intersect(AddressRange other) {
        long s = Math.max(start, other.start);
        long e = Math.min(end, other.end);
        return s >= e ? new AddressRange(s, s) : new AddressRange(s, e);
    }

    public boolean isEmpty() {
        return start == end;
    }

    public static Ipv4 ip(long address) {
        return new Ipv4((int) address);
    }

    @Override
    public String toString() {
        return ip(start) + "-" + ip(end - 1);
    }
}
