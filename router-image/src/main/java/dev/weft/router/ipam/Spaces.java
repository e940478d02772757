package dev.weft.router.ipam;

import dev.weft.router.identity.PeerName;
import dev.weft.weaveutil.addr.Cidr;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The ranges this peer owns in the ring, each a {@link Space} marking the addresses our owners hold. */
final class Spaces implements RangeUsage {
    private final TreeMap<Long, Space> byStart = new TreeMap<>();

    /** Rebuilds from the ring's ranges owned by {@code us} and the addresses {@code owners} hold. */
    void rebuild(Ring ring, PeerName us, Collection<Owner> owners) {
        byStart.clear();
        if (ring == null) {
            return;
        }
        for (AddressRange range : ring.rangesOwnedBy(us)) {
            byStart.put(range.start(), new Space(range));
        }
        for (Owner owner : owners) {
            for (Cidr cidr : owner.cidrs()) {
                Space space = spaceFor(cidr.address().unsigned());
                if (space != null) {
                    space.markUsed(cidr.address().unsigned());
                }
            }
        }
    }

    /** The ranges we own, in address order. */
    List<AddressRange> ranges() {
        return byStart.values().stream().map(Space::range).toList();
    }

    Collection<Space> all() {
        return byStart.values();
    }

    boolean isEmpty() {
        return byStart.isEmpty();
    }

    Space spaceFor(long address) {
        Map.Entry<Long, Space> e = byStart.floorEntry(address);
        return e != null && e.getValue().range().contains(address) ? e.getValue() : null;
    }

    /** The lowest free address inside {@code within} across our ranges, marked used; -1 if none. */
    long allocateLowest(AddressRange within) {
        for (Space space : byStart.values()) {
            long address = space.allocateLowest(within);
            if (address >= 0) {
                return address;
            }
        }
        return -1;
    }

    long freeWithin(AddressRange within) {
        long free = 0;
        for (Space space : byStart.values()) {
            free += space.freeWithin(within);
        }
        return free;
    }

    /** Addresses inside {@code within} that we own (used or not). */
    long ownedWithin(AddressRange within) {
        long owned = 0;
        for (Space space : byStart.values()) {
            owned += space.range().intersect(within).size();
        }
        return owned;
    }

    long usedCount() {
        return byStart.values().stream().mapToLong(Space::usedCount).sum();
    }

    @Override
    public boolean inUse(AddressRange range) {
        for (Space space : byStart.values()) {
            if (space.anyUsed(range)) {
                return true;
            }
        }
        return false;
    }

    /**
     * What a donor gives for a request for {@code wanted} (SPEC §5.1): its largest free block there,
     * or only the upper half of it when that block is more than half of its free space there. Empty
     * when nothing is free.
     */
    AddressRange donation(AddressRange wanted) {
        AddressRange best = new AddressRange(0, 0);
        long free = 0;
        for (Space space : byStart.values()) {
            free += space.freeWithin(wanted);
            AddressRange block = space.largestFreeBlock(wanted);
            if (block.size() > best.size()) {
                best = block;
            }
        }
        if (best.isEmpty()) {
            return best;
        }
        if (2 * best.size() > free) {
            return new AddressRange(best.start() + best.size() / 2, best.end());
        }
        return best;
    }

    /** Our ranges whose free count in the ring differs from what is free here get the right count. */
    boolean reportFree(Ring ring) {
        boolean changed = false;
        for (Space space : byStart.values()) {
            Token token = ring.tokens().get(space.range().start());
            if (token != null && token.free() != space.free()) {
                ring.reportFree(space.range().start(), space.free());
                changed = true;
            }
        }
        return changed;
    }
}
