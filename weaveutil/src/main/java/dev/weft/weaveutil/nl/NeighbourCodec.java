package dev.weft.weaveutil.nl;

import dev.weft.weaveutil.addr.Mac;
import dev.weft.weaveutil.model.Inet;
import dev.weft.weaveutil.model.Neighbour;
import java.nio.ByteBuffer;

/** Neighbour and bridge-FDB messages (RTM_*NEIGH). */
public final class NeighbourCodec {
    private NeighbourCodec() {
    }

    public static MessageBuilder encode(int type, int flags, Neighbour neighbour) {
        MessageBuilder out = new MessageBuilder(type, flags);
        new NdMsg(neighbour.family(), neighbour.linkIndex(), neighbour.state(), neighbour.flags(), 0).writeTo(out);
        if (neighbour.ip() != null) {
            out.attribute(Nl.NDA_DST, neighbour.ip().getAddress());
        }
        if (neighbour.mac() != null) {
            out.attribute(Nl.NDA_LLADDR, neighbour.mac().toBytes());
        }
        if (neighbour.port() != 0) {
            out.attributeBe16(Nl.NDA_PORT, neighbour.port());
        }
        if (neighbour.vni() != 0) {
            out.attributeU32(Nl.NDA_VNI, neighbour.vni());
        }
        if (neighbour.masterIndex() != 0) {
            out.attributeU32(Nl.NDA_MASTER, neighbour.masterIndex());
        }
        return out;
    }

    public static MessageBuilder dumpRequest(int family, int linkIndex) {
        MessageBuilder out = new MessageBuilder(Nl.RTM_GETNEIGH, 0);
        new NdMsg(family, linkIndex, 0, 0, 0).writeTo(out);
        return out;
    }

    public static Neighbour decode(NetlinkMessage message) {
        ByteBuffer body = message.body();
        NdMsg header = NdMsg.read(body);
        Attributes a = Attributes.parse(body);
        return new Neighbour(header.family(), header.index(), a.bytes(Nl.NDA_DST).map(Inet::fromBytes).orElse(null),
                a.bytes(Nl.NDA_LLADDR).filter(b -> b.length == 6).map(Mac::fromBytes).orElse(null), header.state(),
                header.flags(), a.u32(Nl.NDA_MASTER, 0), a.u32(Nl.NDA_VNI, 0), a.be16(Nl.NDA_PORT).orElse(0));
    }
}
