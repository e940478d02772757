package dev.weft.router.ipam;

import dev.weft.router.identity.PeerName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The allocator's state as {@link IpamSnapshot} shows it, with the status words of SPEC §4.1. */
final class StatusView {
    private StatusView() {}

    static IpamSnapshot snapshot(IpamConfig config, LocalRing local, RingFormation formation, KnownPeers peers,
                                 List<PendingRequest> pending, String waitReason) {
        List<IpamSnapshot.PendingClaim> claims = new ArrayList<>();
        List<String> allocates = new ArrayList<>();
        for (PendingRequest request : pending) {
            if (request instanceof PendingRequest.Claim c) {
                claims.add(new IpamSnapshot.PendingClaim(c.id(), c.cidr().address().toString()));
            } else {
                allocates.add(request.id());
            }
        }
        Map<PeerName, String> nicknames = new LinkedHashMap<>();
        Ring ring = local.ring();
        if (ring != null) {
            ring.owners().forEach(p -> nicknames.put(p, peers.nickname(p)));
        }
        return new IpamSnapshot(config, ring == null ? null : ring.copy(), local.spaces().usedCount(),
                status(local, formation, peers, pending.isEmpty()), formation.isAgreeing() && ring == null,
                formation.isConsensus() ? formation.quorum() : null, formation.knownPeers(), claims, allocates,
                peers.reachable(), nicknames, waitReason, local.seedConflictText());
    }

    private static String status(LocalRing local, RingFormation formation, KnownPeers peers, boolean idle) {
        Ring ring = local.ring();
        if (ring == null) {
            if (formation.isObserver()) {
                return "priming";
            }
            return formation.isAgreeing() ? "awaiting consensus (quorum: " + formation.quorum() + ", known: "
                    + formation.knownPeers() + ")" : "idle";
        }
        if (local.spaces().isEmpty() && ring.owners().stream().noneMatch(peers::isReachable)) {
            return "all IP ranges owned by unreachable peers - use 'rmpeer' if they are dead";
        }
        return idle ? "ready" : "waiting for IP(s) to become available";
    }
}
