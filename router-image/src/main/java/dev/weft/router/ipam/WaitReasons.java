package dev.weft.router.ipam;

import dev.weft.router.identity.PeerName;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one line {@code weave attach} prints when an allocation has waited a while: what the oldest
 * waiting request waits for, in words an operator can act on.
 */
final class WaitReasons {
    static final String SEE_STATUS = "; run `weave status ipam`";

    private WaitReasons() {}

    static String of(Ring ring, RingFormation formation, KnownPeers peers, SpaceRequests spaceRequests,
                     List<PendingRequest> pending, long now) {
        if (ring == null) {
            if (formation.isObserver()) {
                return "waiting for the IP allocation ring from another peer: this peer is an observer and does not "
                        + "vote (" + peers.reachable().size() + " peers reachable)" + SEE_STATUS;
            }
            return "waiting for IP allocation consensus: " + formation.knownPeers() + " of quorum "
                    + formation.quorum() + " peers heard" + SEE_STATUS;
        }
        for (PendingRequest request : pending) {
            if (request instanceof PendingRequest.Allocate a && a.wanted != null) {
                return space(ring, peers, spaceRequests, a) + SEE_STATUS;
            }
            if (request instanceof PendingRequest.Claim c) {
                return claim(ring, peers, c) + SEE_STATUS;
            }
        }
        return "waiting for IP(s) to become available" + SEE_STATUS;
    }

    private static String space(Ring ring, KnownPeers peers, SpaceRequests spaceRequests,
                                PendingRequest.Allocate request) {
        String head = "waiting for free IP addresses in " + request.subnet() + ": ";
        List<PeerName> reachableOwners = new ArrayList<>();
        List<PeerName> unreachableOwners = new ArrayList<>();
        for (PeerName peer : ring.ownersWithin(request.wanted)) {
            if (peer.equals(peers.us())) {
                continue;
            }
            (peers.isReachable(peer) ? reachableOwners : unreachableOwners).add(peer);
        }
        PeerName asked = spaceRequests.lastDonor(request.wanted);
        if (asked != null && reachableOwners.contains(asked)) {
            return head + "asked peer " + peers.label(asked) + " for some";
        }
        if (reachableOwners.isEmpty()) {
            return head + "the peers holding them are unreachable: " + unreachableOwners.stream()
                    .map(peers::label).collect(Collectors.joining(", ")) + "; if they are gone for good, run `weave "
                    + "rmpeer " + unreachableOwners.stream().map(peers::handle).collect(Collectors.joining(" "))
                    + "` on ONE host";
        }
        return head + "none of the " + reachableOwners.size() + " reachable peers holding parts of it has a free one"
                + (unreachableOwners.isEmpty() ? "" : ", and " + unreachableOwners.size() + " are unreachable");
    }

    private static String claim(Ring ring, KnownPeers peers, PendingRequest.Claim claim) {
        PeerName owner = ring.owner(claim.cidr().address().unsigned());
        String head = "waiting to claim " + claim.cidr().address() + " from peer " + peers.label(owner);
        String attempt = " (attempt " + claim.attempts + " of " + Allocator.CLAIM_ATTEMPTS + ")";
        if (peers.isReachable(owner)) {
            return head + ", which owns it" + attempt;
        }
        return head + ", which is unreachable" + attempt + "; if it is gone for good, run `weave rmpeer "
                + peers.handle(owner) + "` on ONE host";
    }
}
