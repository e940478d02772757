package dev.weft.router.ipam;

import java.util.List;

/**
 * A consistent copy of IPAM's state for status, report and metrics. {@code ring} is null until the
 * ring exists; {@code activeIps} counts addresses in use in our ranges.
 */
public record IpamSnapshot(IpamConfig config, Ring ring, long activeIps, String status, boolean awaitingConsensus,
                           Integer quorum, List<PendingClaim> pendingClaims, List<String> pendingAllocates) {
    public IpamSnapshot {
        pendingClaims = List.copyOf(pendingClaims);
        pendingAllocates = List.copyOf(pendingAllocates);
    }

    public record PendingClaim(String ident, String address) {}

    public long rangeNumIps() {
        return config.range().size();
    }
}
