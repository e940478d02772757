package dev.weft.router.ipam;

import dev.weft.router.identity.PeerName;

import dev.weft.weaveutil.addr.Cidr;

/**
 * What the daemon tells IPAM: the allocation range, the default subnet, how the ring is initialised,
 * this peer's name and nickname, and how many peers it was told to connect to (for the consensus quorum).
 */
public record IpamConfig(Cidr range, Cidr defaultSubnet, IpallocInit init, PeerName ourName, String nickname,
                         int targetCount) {
    public static final int MIN_RANGE_SIZE = 4;

    public IpamConfig {
        validateRange(range);
        if (defaultSubnet == null) {
            defaultSubnet = range;
        }
        validateRange(defaultSubnet);
        if (!defaultSubnet.overlaps(range)) {
            throw new IllegalArgumentException("IP address allocation default subnet " + defaultSubnet
                    + " does not overlap with allocation range " + range);
        }
        if (init == null) {
            init = IpallocInit.DEFAULT;
        }
        if (nickname == null) {
            nickname = "";
        }
    }

    /** From the daemon's flag texts; throws IllegalArgumentException with the one-line message to show. */
    public static IpamConfig fromFlags(String range, String defaultSubnet, String init, PeerName ourName,
                                       String nickname, int targetCount) {
        Cidr r = Cidr.parseSubnet(range);
        Cidr d = defaultSubnet == null || defaultSubnet.isEmpty() ? r : Cidr.parseSubnet(defaultSubnet);
        return new IpamConfig(r, d, IpallocInit.parse(init), ourName, nickname, targetCount);
    }

    private static void validateRange(Cidr cidr) {
        if (!cidr.isNetwork()) {
            throw new IllegalArgumentException("invalid subnet - bits after network prefix are not all zero: " + cidr);
        }
        if (cidr.size() < MIN_RANGE_SIZE) {
            throw new IllegalArgumentException("invalid subnet - smaller than minimum size " + MIN_RANGE_SIZE + ": " + cidr);
        }
    }

    /** {@code name(nickname)}, as status lines show peers. */
    public String ourLabel() {
        return ourName + "(" + nickname + ")";
    }
}
