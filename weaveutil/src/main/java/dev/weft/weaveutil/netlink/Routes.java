package dev.weft.weaveutil.netlink;

import dev.weft.weaveutil.model.Route;
import dev.weft.weaveutil.nl.NetlinkConnection;
import dev.weft.weaveutil.nl.Nl;
import dev.weft.weaveutil.nl.RouteCodec;
import java.util.List;

/** Route operations ({@code ip route ...}) in one namespace. */
public final class Routes {
    private final NetlinkConnection connection;

    Routes(NetlinkConnection connection) {
        this.connection = connection;
    }

    /** {@code ip route show table all} for one family (2 = IPv4, 10 = IPv6). */
    public List<Route> list(int family) {
        return connection.dump("list routes", RouteCodec.dumpRequest(family)).stream()
                .filter(m -> m.type() == Nl.RTM_NEWROUTE).map(RouteCodec::decode).toList();
    }

    /** {@code ip route show} (the main table) for one family. */
    public List<Route> listMain(int family) {
        return list(family).stream().filter(r -> r.table() == Route.TABLE_MAIN).toList();
    }

    /** {@code ip route add ...}; EEXIST if an equal route exists. */
    public void add(Route route) {
        connection.execute("add route " + route,
                RouteCodec.encode(Nl.RTM_NEWROUTE, Nl.NLM_F_CREATE | Nl.NLM_F_EXCL, route));
    }

    /** {@code ip route replace ...}: adds or overwrites. */
    public void replace(Route route) {
        connection.execute("replace route " + route,
                RouteCodec.encode(Nl.RTM_NEWROUTE, Nl.NLM_F_CREATE | Nl.NLM_F_REPLACE, route));
    }

    /** {@code ip route del ...}; ESRCH if there is no such route. */
    public void delete(Route route) {
        connection.execute("delete route " + route, RouteCodec.encode(Nl.RTM_DELROUTE, 0, route));
    }
}
