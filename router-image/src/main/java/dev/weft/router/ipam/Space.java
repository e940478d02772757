package dev.weft.router.ipam;

import java.util.BitSet;

/** The addresses of one range this peer owns, and which of them are in use. */
final class Space {
    private final AddressRange range;
    private final BitSet used = new BitSet();

    Space(AddressRange range) {
        this.range = range;
    }

    AddressRange range() {
        return range;
    }

    /** The lowest free address of this space inside {@code within}, marked used; -1 if none. */
    long allocateLowest(AddressRange within) {
        AddressRange part = range.intersect(within);
        if (part.isEmpty()) {
            return -1;
        }
        int offset = used.nextClearBit((int) (part.start() - range.start()));
        long address = range.start() + offset;
        if (address >= part.end()) {
            return -1;
        }
        used.set(offset);
        return address;
    }

    boolean isUsed(long address) {
        return used.get(offset(address));
    }

    void markUsed(long address) {
        used.set(offset(address));
    }

    void markFree(long address) {
        used.clear(offset(address));
    }

    long free() {
        return range.size() - used.cardinality();
    }

    long usedCount() {
        return used.cardinality();
    }

    private int offset(long address) {
        if (!range.contains(address)) {
            throw new IllegalArgumentException(AddressRange.ip(address) + " is not in " + range);
        }
        return (int) (address - range.start());
    }
}
