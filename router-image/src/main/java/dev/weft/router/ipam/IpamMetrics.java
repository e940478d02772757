package dev.weft.router.ipam;

import dev.weft.router.identity.PeerName;

import java.util.Map;

/**
 * The numbers the daemon publishes: {@code weave_ips{state="local-used"}} = {@link #localUsed},
 * {@code weave_max_ips} = {@link #maxIps}, {@code weave_ipam_pending_allocates}, {@code weave_ipam_pending_claims},
 * {@code weave_ipam_unreachable_count} (peers owning ranges that we cannot reach) and
 * {@code weave_ipam_unreachable_percentage} (their share of the range).
 */
public record IpamMetrics(long localUsed, long maxIps, int pendingAllocates, int pendingClaims, int unreachableCount,
                          double unreachablePercentage) {

    /** Peers owning ranges that the mesh does not reach count as unreachable. */
    public static IpamMetrics of(IpamSnapshot snapshot) {
        int unreachable = 0;
        long unreachableIps = 0;
        if (snapshot.ring() != null) {
            for (Map.Entry<PeerName, Long> e : snapshot.ring().sizeByOwner().entrySet()) {
                if (!snapshot.isReachable(e.getKey())) {
                    unreachable++;
                    unreachableIps += e.getValue();
                }
            }
        }
        return new IpamMetrics(snapshot.activeIps(), snapshot.rangeNumIps(), snapshot.pendingAllocates().size(),
                snapshot.pendingClaims().size(), unreachable, 100.0 * unreachableIps / snapshot.rangeNumIps());
    }
}
