package dev.weft.weaveutil.netlink;

import dev.weft.weaveutil.model.Neighbour;
import dev.weft.weaveutil.nl.NeighbourCodec;
import dev.weft.weaveutil.nl.NetlinkConnection;
import dev.weft.weaveutil.nl.Nl;
import java.util.List;

/** Neighbour ({@code ip neigh}) and bridge forwarding ({@code bridge fdb}) entries in one namespace. */
public final class Neighbours {
    private final NetlinkConnection connection;

    Neighbours(NetlinkConnection connection) {
        this.connection = connection;
    }

    /** {@code ip neigh show} (family 2/10) or {@code bridge fdb show} (family 7); linkIndex 0 = all. */
    public List<Neighbour> list(int family, int linkIndex) {
        return connection.dump("list neighbours", NeighbourCodec.dumpRequest(family, linkIndex)).stream()
                .filter(m -> m.type() == Nl.RTM_NEWNEIGH).map(NeighbourCodec::decode)
                .filter(n -> linkIndex == 0 || n.linkIndex() == linkIndex).toList();
    }

    /** {@code ip neigh replace ...} / {@code bridge fdb replace ...}. */
    public void replace(Neighbour neighbour) {
        connection.execute("replace neighbour " + describe(neighbour),
                NeighbourCodec.encode(Nl.RTM_NEWNEIGH, Nl.NLM_F_CREATE | Nl.NLM_F_REPLACE, neighbour));
    }

    /** {@code bridge fdb append ...}: another remote for the same MAC (VXLAN flooding entries). */
    public void append(Neighbour neighbour) {
        connection.execute("append neighbour " + describe(neighbour),
                NeighbourCodec.encode(Nl.RTM_NEWNEIGH, Nl.NLM_F_CREATE | Nl.NLM_F_APPEND, neighbour));
    }

    /** {@code ip neigh del ...} / {@code bridge fdb del ...}. */
    public void delete(Neighbour neighbour) {
        connection.execute("delete neighbour " + describe(neighbour),
                NeighbourCodec.encode(Nl.RTM_DELNEIGH, 0, neighbour));
    }

    private static String describe(Neighbour n) {
        return (n.ip() != null ? n.ip().getHostAddress() + " " : "") + (n.mac() != null ? n.mac() + " " : "")
                + "on link #" + n.linkIndex();
    }
}
