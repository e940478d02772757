package dev.weft.router.status;

import dev.weft.router.identity.PeerIdentity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the router knows about the mesh. On a single host: its identity, settings, and the targets
 * given by {@code launch} or {@code connect}; the mesh will add connections and peers.
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
    private final Set<String> targets = new LinkedHashSet<>();
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

    public synchronized List<String> targets() {
        return new ArrayList<>(targets);
    }

    /**
     * Adds peers to the targets (replacing them all with {@code replace}); invalid ones are skipped.
     *
     * @return one complaint per invalid peer, empty when all were accepted
     */
    public synchronized List<String> connect(List<String> peers, boolean replace) {
        List<String> problems = new ArrayList<>();
        List<String> valid = new ArrayList<>();
        for (String peer : peers) {
            String problem = PeerTarget.problemWith(peer);
            if (problem != null) {
                problems.add(problem);
            } else {
                valid.add(peer);
            }
        }
        if (replace) {
            targets.clear();
        }
        targets.addAll(valid);
        return problems;
    }

    public synchronized void forget(List<String> peers) {
        peers.forEach(targets::remove);
    }
}
