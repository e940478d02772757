package dev.weft.router.ipam;

/** Tells a ring merge whether this peer holds addresses in a range (the guards of SPEC §5.1 need it). */
@FunctionalInterface
interface RangeUsage {
    boolean inUse(AddressRange range);

    RangeUsage NONE = range -> false;
}
