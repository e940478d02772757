package dev.weft.router.mesh.topology;

import dev.weft.router.identity.PeerName;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the topology says about one peer (SPEC §7.3): only that peer authors its entry, and a newer
 * entry replaces the whole of an older one. A placeholder (UID 0, version 0) stands for a peer that
 * another entry names but whose own entry has not arrived yet.
 *
 * @param uid     random per run of the peer, never 0 for a real entry; compared unsigned
 * @param shortId 12-bit short ID, or {@link #NO_SHORT_ID}
 */
public record PeerEntry(PeerName name, String nickname, long uid, long version, int shortId,
                        List<ConnectionSummary> connections) {

    public static final int NO_SHORT_ID = -1;
    public static final int SHORT_ID_BITS = 12;
    public static final int SHORT_ID_LIMIT = 1 << SHORT_ID_BITS;

    public PeerEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(nickname, "nickname");
        if (shortId != NO_SHORT_ID && (shortId < 0 || shortId >= SHORT_ID_LIMIT)) {
            throw new IllegalArgumentException("short ID out of 12-bit range: " + shortId);
        }
        if (version < 0) {
            throw new IllegalArgumentException("negative version: " + version);
        }
        connections = List.copyOf(connections);
    }

    public static PeerEntry placeholder(PeerName name) {
        return new PeerEntry(name, "", 0, 0, NO_SHORT_ID, List.of());
    }

    public boolean isPlaceholder() {
        return uid == 0;
    }

    public boolean hasShortId() {
        return shortId != NO_SHORT_ID;
    }

    /**
     * True when this entry replaces {@code current}: a higher version, else (same version) a higher
     * UID, else (same UID) this one has a short ID and the current one has none.
     */
    public boolean supersedes(PeerEntry current) {
        if (version != current.version) {
            return version > current.version;
        }
        int byUid = Long.compareUnsigned(uid, current.uid);
        if (byUid != 0) {
            return byUid > 0;
        }
        return hasShortId() && !current.hasShortId();
    }

    public Optional<ConnectionSummary> connectionTo(PeerName remote) {
        for (ConnectionSummary c : connections) {
            if (c.remote().equals(remote)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    public DigestItem digestItem() {
        return new DigestItem(name, uid, version);
    }

    /** {@code 8a:3e:3e:3e:3e:3e(host1)}, as the status shows peers. */
    public String display() {
        return name + "(" + nickname + ")";
    }
}
