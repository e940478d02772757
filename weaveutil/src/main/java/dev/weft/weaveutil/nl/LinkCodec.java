package dev.weft.weaveutil.nl;

import dev.weft.weaveutil.addr.Ipv4;
import dev.weft.weaveutil.addr.Mac;
import dev.weft.weaveutil.model.Bridge;
import dev.weft.weaveutil.model.BridgePortFlags;
import dev.weft.weaveutil.model.Device;
import dev.weft.weaveutil.model.Dummy;
import dev.weft.weaveutil.model.Link;
import dev.weft.weaveutil.model.LinkAttrs;
import dev.weft.weaveutil.model.Macvlan;
import dev.weft.weaveutil.model.Tuntap;
import dev.weft.weaveutil.model.Veth;
import dev.weft.weaveutil.model.Vxlan;
import java.nio.ByteBuffer;

/** Link messages (RTM_*LINK): encoding new links and changes, decoding dump replies. */
public final class LinkCodec {
    private LinkCodec() {
    }

    /** RTM_NEWLINK creating {@code link} (with NLM_F_CREATE|NLM_F_EXCL). */
    public static MessageBuilder newLink(Link link) {
        MessageBuilder out = new MessageBuilder(Nl.RTM_NEWLINK, Nl.NLM_F_CREATE | Nl.NLM_F_EXCL);
        LinkAttrs attrs = link.attrs();
        new IfInfoMsg(Nl.AF_UNSPEC, 0, 0, attrs.flags(), attrs.flags()).writeTo(out);
        writeCommon(out, attrs);
        if (attrs.parentIndex() != 0) {
            out.attributeU32(Nl.IFLA_LINK, attrs.parentIndex());
        }
        int info = out.beginPlain(Nl.IFLA_LINKINFO);
        out.attributeString(Nl.IFLA_INFO_KIND, link.kind());
        writeKindData(out, link);
        out.endNested(info);
        return out;
    }

    private static void writeCommon(MessageBuilder out, LinkAttrs attrs) {
        out.attributeString(Nl.IFLA_IFNAME, attrs.name());
        if (attrs.mtu() > 0) {
            out.attributeU32(Nl.IFLA_MTU, attrs.mtu());
        }
        if (attrs.mac() != null) {
            out.attribute(Nl.IFLA_ADDRESS, attrs.mac().toBytes());
        }
        if (attrs.masterIndex() != 0) {
            out.attributeU32(Nl.IFLA_MASTER, attrs.masterIndex());
        }
    }

    private static void writeKindData(MessageBuilder out, Link link) {
        if (link instanceof Veth veth) {
            int data = out.beginPlain(Nl.IFLA_INFO_DATA);
            int peer = out.beginPlain(Nl.VETH_INFO_PEER);
            new IfInfoMsg(Nl.AF_UNSPEC, 0, 0, 0, 0).writeTo(out);
            out.attributeString(Nl.IFLA_IFNAME, veth.peerName());
            if (veth.attrs().mtu() > 0) {
                out.attributeU32(Nl.IFLA_MTU, veth.attrs().mtu());
            }
            if (veth.peerNamespace() != null) {
                out.attributeU32(Nl.IFLA_NET_NS_FD, veth.peerNamespace().fd());
            }
            out.endNested(peer);
            out.endNested(data);
        } else if (link instanceof Vxlan vxlan) {
            int data = out.beginPlain(Nl.IFLA_INFO_DATA);
            out.attributeU32(Nl.IFLA_VXLAN_ID, vxlan.vni());
            if (vxlan.group() != null) {
                out.attribute(Nl.IFLA_VXLAN_GROUP, vxlan.group().toBytes());
            }
            if (vxlan.local() != null) {
                out.attribute(Nl.IFLA_VXLAN_LOCAL, vxlan.local().toBytes());
            }
            if (vxlan.deviceIndex() != 0) {
                out.attributeU32(Nl.IFLA_VXLAN_LINK, vxlan.deviceIndex());
            }
            if (vxlan.ttl() != 0) {
                out.attributeU8(Nl.IFLA_VXLAN_TTL, vxlan.ttl());
            }
            out.attributeU8(Nl.IFLA_VXLAN_LEARNING, vxlan.learning() ? 1 : 0);
            out.attributeBe16(Nl.IFLA_VXLAN_PORT, vxlan.port());
            if (vxlan.df() != Vxlan.DF_UNSET) {
                out.attributeU8(Nl.IFLA_VXLAN_DF, vxlan.df());
            }
            out.endNested(data);
        } else if (link instanceof Macvlan macvlan) {
            int data = out.beginPlain(Nl.IFLA_INFO_DATA);
            out.attributeU32(Nl.IFLA_MACVLAN_MODE, macvlan.mode());
            out.endNested(data);
        } else if (link instanceof Tuntap) {
            throw new IllegalArgumentException("TUN/TAP devices are created through /dev/net/tun, not netlink");
        }
    }

    /**
     * RTM_NEWLINK changing an existing link, named by {@code index} or, when that is 0, by
     * {@code name} (the kernel looks it up); callers append the attributes to change.
     */
    public static MessageBuilder change(int index, String name) {
        MessageBuilder out = new MessageBuilder(Nl.RTM_NEWLINK, 0);
        IfInfoMsg.ofIndex(index).writeTo(out);
        nameIfNoIndex(out, index, name);
        return out;
    }

    /** Sets or clears IFF_UP on a link given by index or name. */
    public static MessageBuilder setUp(int index, String name, boolean up) {
        MessageBuilder out = new MessageBuilder(Nl.RTM_NEWLINK, 0);
        new IfInfoMsg(Nl.AF_UNSPEC, 0, index, up ? Nl.IFF_UP : 0, Nl.IFF_UP).writeTo(out);
        nameIfNoIndex(out, index, name);
        return out;
    }

    private static void nameIfNoIndex(MessageBuilder out, int index, String name) {
        if (index == 0 && name != null) {
            out.attributeString(Nl.IFLA_IFNAME, name);
        }
    }

    /** Bridge-port hairpin mode of link {@code index} (AF_BRIDGE RTM_SETLINK with IFLA_PROTINFO). */
    public static MessageBuilder setHairpin(int index, boolean on) {
        MessageBuilder out = new MessageBuilder(Nl.RTM_SETLINK, 0);
        new IfInfoMsg(Nl.AF_BRIDGE, 0, index, 0, 0).writeTo(out);
        int protinfo = out.beginNested(Nl.IFLA_PROTINFO);
        out.attributeU8(Nl.IFLA_BRPORT_MODE, on ? 1 : 0);
        out.endNested(protinfo);
        return out;
    }

    /**
     * Bridge-port flags of link {@code index} in one AF_BRIDGE RTM_SETLINK
     * ({@code bridge link set dev X isolated on learning on flood off ...}); null leaves a flag as it is.
     */
    public static MessageBuilder setBridgePort(int index, BridgePortFlags flags) {
        MessageBuilder out = new MessageBuilder(Nl.RTM_SETLINK, 0);
        new IfInfoMsg(Nl.AF_BRIDGE, 0, index, 0, 0).writeTo(out);
        int protinfo = out.beginNested(Nl.IFLA_PROTINFO);
        optionalFlag(out, Nl.IFLA_BRPORT_ISOLATED, flags.isolated());
        optionalFlag(out, Nl.IFLA_BRPORT_LEARNING, flags.learning());
        optionalFlag(out, Nl.IFLA_BRPORT_UNICAST_FLOOD, flags.unicastFlood());
        optionalFlag(out, Nl.IFLA_BRPORT_MCAST_FLOOD, flags.multicastFlood());
        optionalFlag(out, Nl.IFLA_BRPORT_BCAST_FLOOD, flags.broadcastFlood());
        out.endNested(protinfo);
        return out;
    }

    private static void optionalFlag(MessageBuilder out, int type, Boolean value) {
        if (value != null) {
            out.attributeU8(type, value ? 1 : 0);
        }
    }

    /** Decodes the bridge-port flags of an AF_BRIDGE RTM_NEWLINK (a {@code bridge link show} reply). */
    public static BridgePortFlags decodeBridgePort(NetlinkMessage message) {
        ByteBuffer body = message.body();
        IfInfoMsg.read(body);
        Attributes protinfo = Attributes.parse(body).nested(Nl.IFLA_PROTINFO);
        return new BridgePortFlags(flag(protinfo, Nl.IFLA_BRPORT_ISOLATED), flag(protinfo, Nl.IFLA_BRPORT_LEARNING),
                flag(protinfo, Nl.IFLA_BRPORT_UNICAST_FLOOD), flag(protinfo, Nl.IFLA_BRPORT_MCAST_FLOOD),
                flag(protinfo, Nl.IFLA_BRPORT_BCAST_FLOOD));
    }

    private static Boolean flag(Attributes a, int type) {
        return a.u8(type).map(v -> v != 0).orElse(null);
    }

    /**
     * Takes link {@code index} out of service in one request: down, off its master, and into device
     * {@code group} ({@code ip link set dev X down nomaster group G}).
     */
    public static MessageBuilder retire(int index, int group) {
        return setUp(index, null, false).attributeU32(Nl.IFLA_MASTER, 0).attributeU32(Nl.IFLA_GROUP, group);
    }

    /** Deletes every link in device {@code group} at once ({@code ip link delete group G}). */
    public static MessageBuilder deleteGroup(int group) {
        return delete(0, null).attributeU32(Nl.IFLA_GROUP, group);
    }

    public static MessageBuilder delete(int index, String name) {
        MessageBuilder out = new MessageBuilder(Nl.RTM_DELLINK, 0);
        IfInfoMsg.ofIndex(index).writeTo(out);
        nameIfNoIndex(out, index, name);
        return out;
    }

    /** RTM_GETLINK for one link by name (index 0). */
    public static MessageBuilder getByName(String name) {
        MessageBuilder out = new MessageBuilder(Nl.RTM_GETLINK, 0);
        IfInfoMsg.ofIndex(0).writeTo(out);
        out.attributeString(Nl.IFLA_IFNAME, name);
        return out;
    }

    public static MessageBuilder getByIndex(int index) {
        MessageBuilder out = new MessageBuilder(Nl.RTM_GETLINK, 0);
        IfInfoMsg.ofIndex(index).writeTo(out);
        return out;
    }

    public static MessageBuilder dumpRequest() {
        MessageBuilder out = new MessageBuilder(Nl.RTM_GETLINK, 0);
        IfInfoMsg.ofIndex(0).writeTo(out);
        return out;
    }

    /** RTM_GETLINK dump of one family: AF_BRIDGE lists bridge ports with their IFLA_PROTINFO. */
    public static MessageBuilder dumpRequest(int family) {
        MessageBuilder out = new MessageBuilder(Nl.RTM_GETLINK, 0);
        new IfInfoMsg(family, 0, 0, 0, 0).writeTo(out);
        return out;
    }

    /** Decodes one RTM_NEWLINK message into the matching {@link Link} record. */
    public static Link decode(NetlinkMessage message) {
        ByteBuffer body = message.body();
        IfInfoMsg header = IfInfoMsg.read(body);
        Attributes a = Attributes.parse(body);
        LinkAttrs attrs = new LinkAttrs(header.index(), a.string(Nl.IFLA_IFNAME).orElse(""), a.u32(Nl.IFLA_MTU, 0),
                a.bytes(Nl.IFLA_ADDRESS).filter(b -> b.length == 6).map(Mac::fromBytes).orElse(null),
                header.flags(), a.u32(Nl.IFLA_MASTER, 0), a.u32(Nl.IFLA_LINK, 0));
        Attributes info = a.nested(Nl.IFLA_LINKINFO);
        String kind = info.string(Nl.IFLA_INFO_KIND).orElse("");
        Attributes data = info.nested(Nl.IFLA_INFO_DATA);
        return switch (kind) {
            case "bridge" -> new Bridge(attrs);
            case "veth" -> new Veth(attrs, null, null);
            case "dummy" -> new Dummy(attrs);
            case "vxlan" -> new Vxlan(attrs, data.u32(Nl.IFLA_VXLAN_ID, 0), data.be16(Nl.IFLA_VXLAN_PORT).orElse(0),
                    data.bytes(Nl.IFLA_VXLAN_LOCAL).filter(b -> b.length == 4).map(Ipv4::fromBytes).orElse(null),
                    data.bytes(Nl.IFLA_VXLAN_GROUP).filter(b -> b.length == 4).map(Ipv4::fromBytes).orElse(null),
                    data.u32(Nl.IFLA_VXLAN_LINK, 0), data.u8(Nl.IFLA_VXLAN_LEARNING).orElse(0) != 0,
                    data.u8(Nl.IFLA_VXLAN_TTL).orElse(0), data.u8(Nl.IFLA_VXLAN_DF).orElse(Vxlan.DF_UNSET));
            case "macvlan" -> new Macvlan(attrs, data.u32(Nl.IFLA_MACVLAN_MODE, 0));
            case "tun" -> new Tuntap(attrs, data.u8(Nl.IFLA_TUN_TYPE).orElse(2) == 2);
            default -> new Device(attrs, kind);
        };
    }
}
