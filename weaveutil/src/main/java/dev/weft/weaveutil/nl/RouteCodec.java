package dev.weft.weaveutil.nl;

import dev.weft.weaveutil.model.Inet;
import dev.weft.weaveutil.model.Route;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/** Route messages (RTM_*ROUTE). */
public final class RouteCodec {
    private RouteCodec() {
    }

    public static MessageBuilder encode(int type, int flags, Route route) {
        MessageBuilder out = new MessageBuilder(type, flags);
        int table = route.table() == 0 ? Nl.RT_TABLE_MAIN : route.table();
        new RtMsg(route.family(), route.isDefault() ? 0 : route.destinationLength(), 0, 0, table < 256 ? table : 0,
                route.protocol(), route.scope(), route.type(), 0).writeTo(out);
        if (!route.isDefault()) {
            out.attribute(Nl.RTA_DST, route.destination().getAddress());
        }
        if (route.gateway() != null) {
            out.attribute(Nl.RTA_GATEWAY, route.gateway().getAddress());
        }
        if (route.outputIndex() != 0) {
            out.attributeU32(Nl.RTA_OIF, route.outputIndex());
        }
        if (route.preferredSource() != null) {
            out.attribute(Nl.RTA_PREFSRC, route.preferredSource().getAddress());
        }
        if (route.priority() != 0) {
            out.attributeU32(Nl.RTA_PRIORITY, route.priority());
        }
        if (table >= 256) {
            out.attributeU32(Nl.RTA_TABLE, table);
        }
        return out;
    }

    public static MessageBuilder dumpRequest(int family) {
        MessageBuilder out = new MessageBuilder(Nl.RTM_GETROUTE, 0);
        new RtMsg(family, 0, 0, 0, 0, 0, 0, 0, 0).writeTo(out);
        return out;
    }

    public static Route decode(NetlinkMessage message) {
        ByteBuffer body = message.body();
        RtMsg header = RtMsg.read(body);
        Attributes a = Attributes.parse(body);
        InetAddress destination = a.bytes(Nl.RTA_DST).map(Inet::fromBytes).orElse(null);
        return new Route(header.family(), destination, header.destinationLength(),
                a.bytes(Nl.RTA_GATEWAY).map(Inet::fromBytes).orElse(null), a.u32(Nl.RTA_OIF, 0),
                a.u32(Nl.RTA_TABLE, header.table()), header.scope(), header.protocol(), header.type(),
                a.bytes(Nl.RTA_PREFSRC).map(Inet::fromBytes).orElse(null), a.u32(Nl.RTA_PRIORITY, 0));
    }
}
