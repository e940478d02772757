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
        long address = lowestFree(within);
        if (address >= 0) {
            used.set(offset(address));
        }
        return address;
    }

    /** The lowest free address of this space inside {@code within}; -1 if none. */
    long lowestFree(AddressRange within) {
        AddressRange part = range.intersect(within);
        if (part.isEmpty()) {
            return -1;
        }
        int offset = used.nextClearBit((int) (part.start() - range.start()));
        long address = range.start() + offset;
        return address >= part.end() ? -1 : address;
    }

    /** The longest run of free addresses inside {@code within} (the lowest of equal runs); empty if none. */
    AddressRange largestFreeBlock(AddressRange within) {
        AddressRange part = range.intersect(within);
        AddressRange best = new AddressRange(part.start(), part.start());
        if (part.isEmpty()) {
            return best;
        }
        int end = (int) (part.end() - range.start());
        int from = used.nextClearBit((int) (part.start() - range.start()));
        while (from < end) {
            int to = Math.min(used.nextSetBit(from) < 0 ? end : used.nextSetBit(from), end);
            if (to - from > best.size()) {
                best = new AddressRange(range.start() + from, range.start() + to);
            }
            from = used.nextClearBit(to);
        }
        return best;
    }

    /** Free addresses inside {@code within}. */
    long freeWithin(AddressRange within) {
        AddressRange part = range.intersect(within);
        if (part.isEmpty()) {
            return 0;
        }
        int from = (int) (part.start() - range.start());
        int to = (int) (part.end() - range.start());
        return part.size() - used.get(from, to).cardinality();
    }

    boolean isUsed(long address) {
        return used.get(offset(address));
    }

    /** Whether any address of {@code within} is in use. */
    boolean anyUsed(AddressRange within) {
        AddressRange part = range.intersect(within);
        if (part.isEmpty()) {
            return false;
        }
        int next = used.nextSetBit((int) (part.start() - range.start()));
        return next >= 0 && range.start() + next < part.end();
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
