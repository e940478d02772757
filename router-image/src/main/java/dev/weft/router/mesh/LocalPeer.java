package dev.weft.router.mesh;

import dev.weft.router.identity.PeerName;
import dev.weft.router.mesh.topology.ConnectionSummary;
import dev.weft.router.mesh.topology.PeerEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * This peer: its identity for this run (name, nickname, random UID, 12-bit short ID) and its
 * connections, from which it authors its own topology entry; each change raises the entry's version.
 * Decides duplicate connections (the lower connection UID wins, the same on both ends) and the
 * connection limit. Owned by the mesh actor; {@link #connections()} may be read from any thread.
 */
final class LocalPeer {

    private final PeerName name;
    private final String nickname;
    private final long uid;
    private volatile int shortId;
    private long version;
    private final Map<PeerName, LocalConnection> connections = new HashMap<>();
    private volatile Map<PeerName, LocalConnection> published = Map.of();

    LocalPeer(PeerName name, String nickname, long uid, int shortId) {
        if (uid == 0) {
            throw new IllegalArgumentException("UID 0 is reserved for placeholders");
        }
        this.name = name;
        this.nickname = nickname;
        this.uid = uid;
        this.shortId = shortId;
    }

    PeerName name() {
        return name;
    }

    String nickname() {
        return nickname;
    }

    long uid() {
        return uid;
    }

    int shortId() {
        return shortId;
    }

    String display() {
        return name + "(" + nickname + ")";
    }

    /** This peer's topology entry as it is now. */
    PeerEntry entry() {
        List<ConnectionSummary> summaries = new ArrayList<>(connections.size());
        for (LocalConnection c : connections.values()) {
            summaries.add(new ConnectionSummary(c.remoteName(), c.remoteAddressText(), c.outbound, c.isEstablished()));
        }
        summaries.sort((a, b) -> a.remote().compareTo(b.remote()));
        return new PeerEntry(name, nickname, uid, version, shortId, summaries);
    }

    /** The registered connections by remote name (a snapshot, safe from any thread). */
    Map<PeerName, LocalConnection> connections() {
        return published;
    }

    int connectionCount() {
        return connections.size();
    }

    /**
     * Registers a connection whose handshake succeeded. With a connection to the same peer already
     * there, the one with the lower connection UID stays (both ends decide alike); the loser is
     * returned in {@link Added#replaced} or the new one is refused.
     */
    Added add(LocalConnection conn, int connLimit) {
        PeerName remote = conn.remoteName();
        LocalConnection existing = connections.get(remote);
        LocalConnection replaced = null;
        if (existing != null && existing != conn) {
            int byUid = Long.compareUnsigned(conn.uid(), existing.uid());
            ConnectionFailure duplicate = ConnectionFailure.retryable("Multiple connections to " + conn.remoteDisplay()
                    + " added to " + display());
            if (byUid > 0) {
                return new Added(Optional.of(duplicate), null);
            }
            if (byUid == 0) {
                connections.remove(remote);
                publish();
                version++;
                return new Added(Optional.of(duplicate), existing);
            }
            connections.remove(remote);
            replaced = existing;
        }
        if (connLimit > 0 && connections.size() >= connLimit) {
            if (replaced != null) {
                connections.put(remote, replaced);
            }
            return new Added(Optional.of(ConnectionFailure.limitReached(connLimit)), null);
        }
        connections.put(remote, conn);
        publish();
        version++;
        return new Added(Optional.empty(), replaced);
    }

    /** The outcome of {@link #add}: a refusal, and/or an older connection that must now close. */
    record Added(Optional<ConnectionFailure> refused, LocalConnection replaced) {}

    /** True (and the version raised) when {@code conn} is the registered connection to its peer. */
    boolean established(LocalConnection conn) {
        if (connections.get(conn.remoteName()) != conn) {
            return false;
        }
        version++;
        return true;
    }

    /** Removes {@code conn} if it is the registered one; true when it was. */
    boolean remove(LocalConnection conn) {
        if (conn.remoteName() == null || !connections.remove(conn.remoteName(), conn)) {
            return false;
        }
        publish();
        version++;
        return true;
    }

    void setShortId(int shortId) {
        this.shortId = shortId;
        version++;
    }

    /** After hearing of an earlier run of this peer: moves the version past that run's. */
    boolean setVersionBeyond(long other) {
        if (other >= version) {
            version = other + 1;
            return true;
        }
        return false;
    }

    private void publish() {
        published = Collections.unmodifiableMap(new HashMap<>(connections));
    }
}
