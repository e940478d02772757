package dev.weft.router.ipam;

import dev.weft.router.identity.PeerName;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A consistent copy of IPAM's state for status, report and metrics. {@code ring} is null until the
 * ring exists; {@code activeIps} counts addresses in use in our ranges; {@code reachable} are the
 * peers the mesh reaches now; {@code nicknames} those known of the ring's owners; {@code waitReason}
 * is empty unless a request waits; {@code seedConflict} describes a refused ring seeded differently.
 */
public record IpamSnapshot(IpamConfig config, Ring ring, long activeIps, String status, boolean awaitingConsensus,
                           Integer quorum, int knownPeers, List<PendingClaim> pendingClaims,
                           List<String> pendingAllocates, Set<PeerName> reachable, Map<PeerName, String> nicknames,
                           String waitReason, String seedConflict) {
    public IpamSnapshot {
        pendingClaims = List.copyOf(pendingClaims);
        pendingAllocates = List.copyOf(pendingAllocates);
        reachable = Set.copyOf(reachable);
        nicknames = Map.copyOf(nicknames);
        waitReason = waitReason == null ? "" : waitReason;
    }

    public record PendingClaim(String ident, String address) {}

    public long rangeNumIps() {
        return config.range().size();
    }

    public boolean isReachable(PeerName peer) {
        return peer.equals(config.ourName()) || reachable.contains(peer);
    }

    public String nickname(PeerName peer) {
        return peer.equals(config.ourName()) ? config.nickname() : nicknames.getOrDefault(peer, "");
    }
}
