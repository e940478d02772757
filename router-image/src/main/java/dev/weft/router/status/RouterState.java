package dev.weft.router.status;

import dev.weft.router.identity.PeerIdentity;
import java.util.List;

/**
 * The router's own settings as the status shows them: identity, mesh port, encryption, discovery,
 * trusted subnets, bridge and protocol range. What the mesh knows comes from {@link RouterMesh}.
 */
public final class RouterState {

    public static final int PROTOCOL_MIN = 1;
    public static final int PROTOCOL_MAX = 2;

    private final PeerIdentity identity;
    private final int port;
    private final boolean encryption;
    private final boolean peerDiscovery;
    private final List<String> trustedSubnets;
    private final String bridgeName;
    private final int minProtocolVersion;

    public RouterState(PeerIdentity identity, int port, boolean encryption, boolean peerDiscovery,
                       List<String> trustedSubnets, String bridgeName, int minProtocolVersion) {
        this.identity = identity;
        this.port = port;
        this.encryption = encryption;
        this.peerDiscovery = peerDiscovery;
        this.trustedSubnets = List.copyOf(trustedSubnets);
        this.bridgeName = bridgeName;
        this.minProtocolVersion = minProtocolVersion;
    }

    public PeerIdentity identity() {
        return identity;
    }

    public int port() {
        return port;
    }

    public boolean encryption() {
        return encryption;
    }

    public boolean peerDiscovery() {
        return peerDiscovery;
    }

    public List<String> trustedSubnets() {
        return trustedSubnets;
    }

    public String bridgeName() {
        return bridgeName;
    }

    public int minProtocolVersion() {
        return minProtocolVersion;
    }
}
