package dev.weft.router.mesh.topology;

import dev.weft.router.identity.PeerName;

/** The identity of one topology entry without its content: enough to tell who has the newer one. */
public record DigestItem(PeerName name, long uid, long version) {

    /** True when an entry described by this item replaces {@code current} (short IDs aside). */
    public boolean newerThan(PeerEntry current) {
        if (version != current.version()) {
            return version > current.version();
        }
        return Long.compareUnsigned(uid, current.uid()) > 0;
    }

    /** True when {@code entry} replaces what this item describes. */
    public boolean olderThan(PeerEntry entry) {
        if (version != entry.version()) {
            return entry.version() > version;
        }
        return Long.compareUnsigned(entry.uid(), uid) > 0;
    }
}
