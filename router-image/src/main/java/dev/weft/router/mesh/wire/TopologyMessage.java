package dev.weft.router.mesh.wire;

import dev.weft.router.identity.PeerName;
import dev.weft.router.mesh.topology.DigestItem;
import dev.weft.router.mesh.topology.PeerEntry;
import java.util.List;

/**
 * What peers say on the {@code topology} channel. Changes travel as {@link Update}s carrying only
 * the changed entries; the periodic check sends a {@link Summary} (a hash), and only when two peers
 * differ do they exchange a {@link Digest} (name, UID, version per peer) and then exactly the entries
 * one of them lacks ({@link Request}, {@link Update}).
 */
public sealed interface TopologyMessage {

    record Update(List<PeerEntry> entries) implements TopologyMessage {
        public Update {
            entries = List.copyOf(entries);
        }
    }

    record Summary(long hash, int count) implements TopologyMessage {}

    record Digest(List<DigestItem> items) implements TopologyMessage {
        public Digest {
            items = List.copyOf(items);
        }
    }

    record Request(List<PeerName> names) implements TopologyMessage {
        public Request {
            names = List.copyOf(names);
        }
    }
}
