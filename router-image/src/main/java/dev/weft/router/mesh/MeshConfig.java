package dev.weft.router.mesh;

import dev.weft.router.identity.PeerName;
import dev.weft.router.mesh.wire.ProtocolIntroCodec;
import java.time.Duration;
import java.util.List;

/**
 * The mesh's settings: identity, where to listen, the weaver flags that shape the mesh, and the
 * protocol's timings (SPEC §7; tests shorten them).
 *
 * @param host              listen and dial-from address; empty for all
 * @param connLimit         most connections at once; 0 = unlimited
 * @param trustedSubnets    CIDRs whose peers need no data-plane encryption (reported in the handshake)
 * @param topologyBatch     how long local topology changes gather before they are gossiped
 * @param routeInterval     the least time between two route recalculations
 * @param fullTopologyGossip gossip the whole topology periodically and to every new connection, as Weave
 *                           Net 2.8 did: only for the mesh-scale benchmark's baseline
 */
public record MeshConfig(PeerName name, String nickname, String host, int port, int minProtocolVersion,
                         int connLimit, boolean discovery, List<String> trustedSubnets, Duration heartbeat,
                         Duration gossipInterval, Duration handshakeTimeout, Duration connectTimeout,
                         Duration topologyBatch, Duration routeInterval, boolean fullTopologyGossip) {

    public static final int DEFAULT_PORT = 6783;
    public static final int DEFAULT_CONN_LIMIT = 200;

    public MeshConfig {
        trustedSubnets = List.copyOf(trustedSubnets);
        if (minProtocolVersion < ProtocolIntroCodec.MIN_VERSION || minProtocolVersion > ProtocolIntroCodec.MAX_VERSION) {
            throw new IllegalArgumentException("protocol versions are 1 to 2");
        }
    }

    /** The defaults {@code weave launch} gives the router. */
    public static MeshConfig defaults(PeerName name, String nickname) {
        return new MeshConfig(name, nickname, "", DEFAULT_PORT, ProtocolIntroCodec.MIN_VERSION, DEFAULT_CONN_LIMIT,
                true, List.of(), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMillis(50), false);
    }

    public MeshConfig withListen(String host, int port) {
        return new MeshConfig(name, nickname, host, port, minProtocolVersion, connLimit, discovery, trustedSubnets,
                heartbeat, gossipInterval, handshakeTimeout, connectTimeout, topologyBatch, routeInterval,
                fullTopologyGossip);
    }

    public MeshConfig withPolicy(int minProtocolVersion, int connLimit, boolean discovery, List<String> trustedSubnets) {
        return new MeshConfig(name, nickname, host, port, minProtocolVersion, connLimit, discovery, trustedSubnets,
                heartbeat, gossipInterval, handshakeTimeout, connectTimeout, topologyBatch, routeInterval,
                fullTopologyGossip);
    }

    public MeshConfig withTimings(Duration heartbeat, Duration gossipInterval, Duration handshakeTimeout,
                                  Duration topologyBatch) {
        return new MeshConfig(name, nickname, host, port, minProtocolVersion, connLimit, discovery, trustedSubnets,
                heartbeat, gossipInterval, handshakeTimeout, connectTimeout, topologyBatch, routeInterval,
                fullTopologyGossip);
    }

    /** Weave Net 2.8's topology gossip (whole topologies), for comparison in the benchmark. */
    public MeshConfig withFullTopologyGossip() {
        return new MeshConfig(name, nickname, host, port, minProtocolVersion, connLimit, discovery, trustedSubnets,
                heartbeat, gossipInterval, handshakeTimeout, connectTimeout, topologyBatch, routeInterval, true);
    }

    public int maxProtocolVersion() {
        return ProtocolIntroCodec.MAX_VERSION;
    }

    /** No message from a peer for this long ends the connection: two heartbeats missed. */
    public Duration readDeadline() {
        return heartbeat.multipliedBy(2);
    }
}
