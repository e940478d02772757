package dev.weft.router.mesh;

import java.util.List;
import java.util.Map;

/**
 * A snapshot of the mesh for {@code weave status} and {@code /report} (the original's Router section):
 * identity and settings, every known peer with the connections it reports, routes, this peer's own
 * connections and connection attempts (with the reason and the time of the next retry for failures),
 * and the targets.
 *
 * @param dataPlane false while no overlay is registered: peers know each other, containers cannot talk yet
 */
public record MeshStatus(String name, String nickname, int port, int protocolMinVersion, int protocolMaxVersion,
                         boolean encryption, boolean peerDiscovery, List<PeerStatus> peers,
                         List<UnicastRoute> unicastRoutes, List<BroadcastRoute> broadcastRoutes,
                         List<ConnectionStatus> connections, List<String> targets, long terminationCount,
                         List<String> trustedSubnets, boolean dataPlane) {

    public record PeerStatus(String name, String nickname, String uid, int shortId, long version,
                             List<PeerConnection> connections) {
        public String display() {
            return name + "(" + nickname + ")";
        }
    }

    public record PeerConnection(String name, String nickname, String address, boolean outbound, boolean established) {}

    /** One of this peer's connections or connection attempts; {@code state} is established, pending, retrying, failed or connecting. */
    public record ConnectionStatus(String address, boolean outbound, String state, String info, Map<String, String> attrs) {}

    public record UnicastRoute(String dest, String via) {}

    public record BroadcastRoute(String source, List<String> via) {}
}
