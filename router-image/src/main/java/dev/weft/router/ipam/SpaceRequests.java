package dev.weft.router.ipam;

import dev.weft.router.identity.PeerName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * The space this peer is asking other peers for (SPEC §5.1): at most one request per wanted range
 * every 5 s, to a donor chosen at random weighted by the free space it advertises there; a donor that
 * refused is not asked again for that range until the next 5 s period.
 */
final class SpaceRequests {
    static final long RETRY_MILLIS = 5_000;

    private static final class Asking {
        long nextAt;
        long deniedUntil;
        final Set<PeerName> denied = new TreeSet<>();
        PeerName lastDonor;
    }

    private final Map<AddressRange, Asking> asking = new HashMap<>();
    private final Random random;

    SpaceRequests(Random random) {
        this.random = random;
    }

    boolean isDue(AddressRange wanted, long now) {
        Asking a = asking.get(wanted);
        return a == null || now >= a.nextAt;
    }

    /**
     * The peer to ask for {@code wanted}: among {@code reachable} peers not refused lately, one that
     * advertises free space there (weighted by it); empty when none does.
     */
    PeerName chooseDonor(Ring ring, AddressRange wanted, Set<PeerName> reachable, long now) {
        Asking a = asking.get(wanted);
        if (a != null && now >= a.deniedUntil) {
            a.denied.clear();
        }
        List<PeerName> candidates = new ArrayList<>();
        List<Long> weights = new ArrayList<>();
        long total = 0;
        for (PeerName peer : ring.ownersWithin(wanted)) {
            if (!reachable.contains(peer) || (a != null && a.denied.contains(peer))) {
                continue;
            }
            long free = ring.freeWithin(peer, wanted);
            if (free > 0) {
                candidates.add(peer);
                weights.add(free);
                total += free;
            }
        }
        if (total == 0) {
            return null;
        }
        long pick = (long) (random.nextDouble() * total);
        for (int i = 0; i < candidates.size(); i++) {
            pick -= weights.get(i);
            if (pick < 0) {
                return candidates.get(i);
            }
        }
        return candidates.get(candidates.size() - 1);
    }

    /** A request went to {@code donor} (or, with null, nobody could be asked): wait 5 s before the next. */
    void asked(AddressRange wanted, PeerName donor, long now) {
        Asking a = asking.computeIfAbsent(wanted, w -> new Asking());
        a.nextAt = now + RETRY_MILLIS;
        if (donor != null) {
            a.lastDonor = donor;
        }
    }

    /** {@code donor} refused: ask another one now, and not this one again for 5 s. */
    void denied(AddressRange wanted, PeerName donor, long now) {
        Asking a = asking.computeIfAbsent(wanted, w -> new Asking());
        if (a.denied.isEmpty()) {
            a.deniedUntil = now + RETRY_MILLIS;
        }
        a.denied.add(donor);
        a.nextAt = now;
        if (donor.equals(a.lastDonor)) {
            a.lastDonor = null;
        }
    }

    /** The peer last asked for {@code wanted}, unless it refused; or null. */
    PeerName lastDonor(AddressRange wanted) {
        Asking a = asking.get(wanted);
        return a == null ? null : a.lastDonor;
    }

    /** Forgets ranges no request waits for any more. */
    void retainOnly(Set<AddressRange> stillWanted) {
        asking.keySet().retainAll(stillWanted);
    }

    void clear() {
        asking.clear();
    }
}
