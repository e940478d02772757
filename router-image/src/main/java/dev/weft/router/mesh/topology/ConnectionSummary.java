package dev.weft.router.mesh.topology;

import dev.weft.router.identity.PeerName;
import java.util.Objects;

/**
 * One connection as its owner announces it in the topology: to whom, the remote TCP address as the
 * owner sees it, who dialled, and whether the data path works.
 */
public record ConnectionSummary(PeerName remote, String address, boolean outbound, boolean established) {

    public ConnectionSummary {
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(address, "address");
    }
}
