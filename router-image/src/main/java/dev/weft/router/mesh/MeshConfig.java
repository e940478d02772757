package dev.weft.router.mesh;

import dev.weft.router.identity.PeerName;
import dev.weft.router.mesh.wire.ProtocolIntroCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The mesh's settings: identity, where to listen, the weaver flags that shape the mesh, and the
 * protocol's timings (SPEC §7; tests shorten them).
 *
 * @param host              listen and dial-from address; empty for all
 * @param connLimit         most connections at once; 0 = unlimited
 * @param trustedSubnets    CIDRs whose peers need no data-plane encryption (reported in the handshake)
 * @param topologyBatch     the least time between two gossips of local topology changes (the first after a quiet spell goes at once; later ones gather)
 * @param routeInterval     the least time between two route recalculations
 * @param fullTopologyGossip gossip the whole topology periodically and to every new connection, as Weave
 *                           Net 2.8 did: only for the mesh-scale benchmark's baseline
 * @param password          the mesh password (UTF-8); with one, every connection is encrypted
 */
public record MeshConfig(PeerName name, String nickname, String host, int port, int minProtocolVersion,
                         int connLimit, boolean discovery, List<String> trustedSubnets, Duration heartbeat,
                         Duration gossipInterval, Duration handshakeTimeout, Duration connectTimeout,
                         Duration topologyBatch, Duration routeInterval, boolean fullTopologyGossip,
                         Optional<byte[]> password) {

    public static final int DEFAULT_PORT = 6783;
    public static final int DEFAULT_CONN_LIMIT = 200;

    public MeshConfig {
        trustedSubnets = List.copyOf(trustedSubnets);
        password = password.map(byte[]::clone);
        if (minProtocolVersion < ProtocolIntroCodec.MIN_VERSION || minProtocolVersion > ProtocolIntroCodec.MAX_VERSION) {
            throw new IllegalArgumentException("protocol versions are 1 to 2");
        }
    }

    /** The defaults {@code weave launch} gives the router. */
    public static MeshConfig defaults(PeerName name, String nickname) {
        return new MeshConfig(name, nickname, "", DEFAULT_PORT, ProtocolIntroCodec.MIN_VERSION, DEFAULT_CONN_LIMIT,
                true, List.of(), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMillis(50), false, Optional.empty());
    }

    public MeshConfig withListen(String host, int port) {
        return new MeshConfig(name, nickname, host, port, minProtocolVersion, connLimit, discovery, trustedSubnets,
                heartbeat, gossipInterval, handshakeTimeout, connectTimeout, topologyBatch, routeInterval,
                fullTopologyGossip, password);
    }

    public MeshConfig withPolicy(int minProtocolVersion, int connLimit, boolean discovery, List<String> trustedSubnets) {
        return new MeshConfig(name, nickname, host, port, minProtocolVersion, connLimit, discovery, trustedSubnets,
                heartbeat, gossipInterval, handshakeTimeout, connectTimeout, topologyBatch, routeInterval,
                fullTopologyGossip, password);
    }

    public MeshConfig withTimings(Duration heartbeat, Duration gossipInterval, Duration handshakeTimeout,
                                  Duration topologyBatch) {
        return new MeshConfig(name, nickname, host, port, minProtocolVersion, connLimit, discovery, trustedSubnets,
                heartbeat, gossipInterval, handshakeTimeout, connectTimeout, topologyBatch, routeInterval,
                fullTopologyGossip, password);
    }

    /** Weave Net 2.8's topology gossip (whole topologies), for comparison in the benchmark. */
    public MeshConfig withFullTopologyGossip() {
        return new MeshConfig(name, nickname, host, port, minProtocolVersion, connLimit, discovery, trustedSubnets,
                heartbeat, gossipInterval, handshakeTimeout, connectTimeout, topologyBatch, routeInterval, true,
                password);
    }

    /** With a password (non-empty): every connection is encrypted and peers without the same one never join. */
    public MeshConfig withPassword(String password) {
        Optional<byte[]> secret = password == null || password.isEmpty() ? Optional.empty()
                : Optional.of(password.getBytes(StandardCharsets.UTF_8));
        return new MeshConfig(name, nickname, host, port, minProtocolVersion, connLimit, discovery, trustedSubnets,
                heartbeat, gossipInterval, handshakeTimeout, connectTimeout, topologyBatch, routeInterval,
                fullTopologyGossip, secret);
    }

    @Override
    public String toString() {
        return "MeshConfig[name=" + name + ", nickname=" + nickname + ", port=" + port + ", encrypted="
                + password.isPresent() + "]";
    }

    public int maxProtocolVersion() {
        return ProtocolIntroCodec.MAX_VERSION;
    }

    /** No message from a peer for this long ends the connection: two heartbeats missed. */
    public Duration readDeadline() {
        return heartbeat.multipliedBy(2);
    }
}
