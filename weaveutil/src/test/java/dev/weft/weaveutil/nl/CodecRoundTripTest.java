package dev.weft.weaveutil.nl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.addr.Ipv4;
import dev.weft.weaveutil.addr.Mac;
import dev.weft.weaveutil.model.Address;
import dev.weft.weaveutil.model.Bridge;
import dev.weft.weaveutil.model.BridgePortFlags;
import dev.weft.weaveutil.model.Inet;
import dev.weft.weaveutil.model.Link;
import dev.weft.weaveutil.model.LinkAttrs;
import dev.weft.weaveutil.model.Macvlan;
import dev.weft.weaveutil.model.Neighbour;
import dev.weft.weaveutil.model.Route;
import dev.weft.weaveutil.model.Vxlan;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each family's encoder output, read back by its decoder, gives the same values. No kernel needed. */
class CodecRoundTripTest {

    private static NetlinkMessage only(MessageBuilder built) {
        List<NetlinkMessage> messages = NetlinkMessage.split(built.build(99));
        assertEquals(1, messages.size());
        return messages.get(0);
    }

    @Test
    void headerLengthAndSequenceAreFilledIn() {
        byte[] bytes = LinkCodec.newLink(new Bridge(LinkAttrs.named("weave"))).build(1234);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
        assertEquals(bytes.length, b.getInt(0));
        assertEquals(Nl.RTM_NEWLINK, b.getShort(4));
        assertEquals(Nl.NLM_F_CREATE | Nl.NLM_F_EXCL, b.getShort(6));
        assertEquals(1234, b.getInt(8));
        assertEquals(0, bytes.length % 4);
    }

    @Test
    void aBridgeRequestMatchesWhatIproute2Sends() {
        // ip link add weave mtu 1376 type bridge: ifinfomsg, IFLA_IFNAME "weave\0" (padded), IFLA_MTU,
        // IFLA_LINKINFO { IFLA_INFO_KIND "bridge\0" }.
        byte[] bytes = LinkCodec.newLink(new Bridge(LinkAttrs.named("weave").withMtu(1376))).build(0);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
        b.position(16 + IfInfoMsg.LENGTH);
        assertEquals(10, b.getShort());
        assertEquals(Nl.IFLA_IFNAME, b.getShort());
        byte[] name = new byte[6];
        b.get(name);
        assertArrayEquals("weave\0".getBytes(), name);
        b.position(b.position() + 2); // padding to 4 bytes
        assertEquals(8, b.getShort());
        assertEquals(Nl.IFLA_MTU, b.getShort());
        assertEquals(1376, b.getInt());
        assertEquals(4 + 12, b.getShort()); // nest: its header + the kind attribute (11 bytes, padded)
        assertEquals(Nl.IFLA_LINKINFO, b.getShort());
        assertEquals(11, b.getShort());
        assertEquals(Nl.IFLA_INFO_KIND, b.getShort());
        assertEquals(bytes.length, b.position() + 8);
    }

    @Test
    void linksRoundTrip() {
        Mac mac = Mac.parse("02:01:02:03:04:05");
        Link bridge = LinkCodec.decode(only(LinkCodec.newLink(
                new Bridge(new LinkAttrs(0, "weave", 65535, mac, Nl.IFF_UP, 0, 0)))));
        assertEquals(new Bridge(new LinkAttrs(0, "weave", 65535, mac, Nl.IFF_UP, 0, 0)), bridge);

        Vxlan vxlan = new Vxlan(LinkAttrs.named("vxlan-6784").withMtu(1410), 0xabcdef, 6784,
                Ipv4.parse("192.168.1.2"), Ipv4.parse("239.1.2.3"), 3, true, 64);
        assertEquals(vxlan, LinkCodec.decode(only(LinkCodec.newLink(vxlan))));

        Macvlan macvlan = new Macvlan(LinkAttrs.named("mv0").withParent(2), Macvlan.MODE_BRIDGE);
        assertEquals(macvlan, LinkCodec.decode(only(LinkCodec.newLink(macvlan))));
    }

    @Test
    void nestedAttributeLengthsCoverTheirContent() {
        Attributes top = Attributes.parse(only(LinkCodec.newLink(
                Vxlan.of(LinkAttrs.named("vx"), 7, 4789))).body().position(IfInfoMsg.LENGTH));
        Attributes data = top.nested(Nl.IFLA_LINKINFO).nested(Nl.IFLA_INFO_DATA);
        assertEquals(7, data.u32(Nl.IFLA_VXLAN_ID, 0));
        assertEquals(4789, data.be16(Nl.IFLA_VXLAN_PORT).orElseThrow());
        assertEquals("vxlan", top.nested(Nl.IFLA_LINKINFO).string(Nl.IFLA_INFO_KIND).orElseThrow());
    }

    @Test
    void addressesRoundTrip() {
        Address v4 = Address.of(5, Cidr.parse("10.32.0.1/12"));
        NetlinkMessage encoded = only(AddressCodec.encode(Nl.RTM_NEWADDR, 0, v4));
        Attributes attrs = Attributes.parse(encoded.body().position(IfAddrMsg.LENGTH));
        assertArrayEquals(new byte[] {10, 47, -1, -1}, attrs.bytes(Nl.IFA_BROADCAST).orElseThrow());
        Address back = AddressCodec.decode(encoded);
        assertEquals(v4, back);
        assertEquals(Cidr.parse("10.32.0.1/12"), back.toCidr());

        Address v6 = new Address(5, Inet.fromBytes(new byte[] {(byte) 0xfe, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}),
                64, Nl.RT_SCOPE_LINK, "ethwe");
        assertEquals(v6, AddressCodec.decode(only(AddressCodec.encode(Nl.RTM_NEWADDR, 0, v6))));
    }

    @Test
    void routesRoundTripIncludingTheMulticastRoute() {
        Route multicast = Route.linkScoped(Cidr.parse("224.0.0.0/4"), 9);
        Route back = RouteCodec.decode(only(RouteCodec.encode(Nl.RTM_NEWROUTE, 0, multicast)));
        assertEquals(multicast, back);
        assertEquals(Cidr.parse("224.0.0.0/4"), back.destinationCidr());
        assertEquals(Nl.RT_SCOPE_LINK, back.scope());

        Route viaGateway = Route.via(Cidr.parse("10.40.0.0/16"), Ipv4.parse("10.32.0.1"), 3);
        assertEquals(viaGateway, RouteCodec.decode(only(RouteCodec.encode(Nl.RTM_NEWROUTE, 0, viaGateway))));

        Route defaultRoute = new Route(Nl.AF_INET, null, 0, Inet.of(Ipv4.parse("10.0.0.1")), 2, 254, 0, 3, 1, null, 0);
        Route decodedDefault = RouteCodec.decode(only(RouteCodec.encode(Nl.RTM_NEWROUTE, 0, defaultRoute)));
        assertTrue(decodedDefault.isDefault());
        assertNull(decodedDefault.destination());

        Route otherTable = new Route(Nl.AF_INET, Inet.of(Ipv4.parse("10.1.0.0")), 16, null, 2, 1000, 253, 3, 1, null, 5);
        assertEquals(otherTable, RouteCodec.decode(only(RouteCodec.encode(Nl.RTM_NEWROUTE, 0, otherTable))));
    }

    @Test
    void neighboursAndFdbEntriesRoundTrip() throws Exception {
        Neighbour arp = Neighbour.permanentArp(4, InetAddress.getByAddress(new byte[] {10, 32, 0, 9}),
                Mac.parse("02:00:00:00:00:09"));
        assertEquals(arp, NeighbourCodec.decode(only(NeighbourCodec.encode(Nl.RTM_NEWNEIGH, 0, arp))));

        Neighbour fdb = Neighbour.vxlanFdb(6, Mac.parse("00:00:00:00:00:00"),
                InetAddress.getByAddress(new byte[] {(byte) 192, (byte) 168, 1, 7}));
        Neighbour back = NeighbourCodec.decode(only(NeighbourCodec.encode(Nl.RTM_NEWNEIGH, 0, fdb)));
        assertEquals(fdb, back);
        assertEquals(Neighbour.FAMILY_BRIDGE, back.family());
        assertTrue(back.isFlood());
    }

    @Test
    void vxlanFdbEntriesCarryTheRemotePortAndVniInNetworkOrder() throws Exception {
        // bridge fdb append 00:00:00:00:00:00 dev #6 dst 198.18.0.12 port 6784 vni 4242 self permanent
        Neighbour fdb = Neighbour.vxlanFdb(6, Neighbour.FLOOD, InetAddress.getByName("198.18.0.12"), 6784, 4242);
        NetlinkMessage encoded = only(NeighbourCodec.encode(Nl.RTM_NEWNEIGH, Nl.NLM_F_APPEND, fdb));
        ByteBuffer body = encoded.body();
        NdMsg header = NdMsg.read(body);
        assertEquals(Neighbour.FAMILY_BRIDGE, header.family());
        assertEquals(Nl.NTF_SELF, header.flags());
        Attributes a = Attributes.parse(body);
        assertArrayEquals(new byte[] {0x1a, (byte) 0x80}, a.bytes(Nl.NDA_PORT).orElseThrow());
        assertEquals(4242, a.u32(Nl.NDA_VNI, 0));
        assertArrayEquals(new byte[] {(byte) 198, 18, 0, 12}, a.bytes(Nl.NDA_DST).orElseThrow());
        assertEquals(fdb, NeighbourCodec.decode(encoded));

        Neighbour master = Neighbour.bridgeFdb(9, Mac.parse("02:00:00:00:00:0a"));
        Neighbour masterBack = NeighbourCodec.decode(only(NeighbourCodec.encode(Nl.RTM_DELNEIGH, 0, master)));
        assertEquals(master, masterBack);
        assertEquals(Nl.NTF_MASTER, masterBack.flags());
    }

    @Test
    void vxlanDontFragmentIsSentOnlyWhenAsked() {
        Vxlan heartbeat = new Vxlan(LinkAttrs.named("vxlan-hb"), 7, 6784, null, null, 0, false, 0, Vxlan.DF_SET);
        assertEquals(heartbeat, LinkCodec.decode(only(LinkCodec.newLink(heartbeat))));
        Attributes data = Attributes.parse(only(LinkCodec.newLink(Vxlan.of(LinkAttrs.named("vx"), 7, 6784)))
                .body().position(IfInfoMsg.LENGTH)).nested(Nl.IFLA_LINKINFO).nested(Nl.IFLA_INFO_DATA);
        assertTrue(!data.has(Nl.IFLA_VXLAN_DF));
    }

    @Test
    void bridgePortFlagsRoundTripAndOnlyNamedFlagsAreSent() {
        BridgePortFlags isolated = BridgePortFlags.UNCHANGED.withIsolated(true);
        NetlinkMessage m = only(LinkCodec.setBridgePort(12, isolated));
        assertEquals(Nl.RTM_SETLINK, m.type());
        ByteBuffer body = m.body();
        IfInfoMsg header = IfInfoMsg.read(body);
        assertEquals(Nl.AF_BRIDGE, header.family());
        assertEquals(12, header.index());
        Attributes protinfo = Attributes.parse(body).nested(Nl.IFLA_PROTINFO);
        assertEquals(1, protinfo.u8(Nl.IFLA_BRPORT_ISOLATED).orElseThrow());
        assertTrue(!protinfo.has(Nl.IFLA_BRPORT_LEARNING));
        assertEquals(isolated, LinkCodec.decodeBridgePort(only(LinkCodec.setBridgePort(12, isolated))));

        BridgePortFlags quiet = new BridgePortFlags(false, true, null, null, null).withoutFlooding();
        assertEquals(quiet, LinkCodec.decodeBridgePort(only(LinkCodec.setBridgePort(3, quiet))));
    }

    @Test
    void unknownKindsDecodeAsPlainDevices() {
        MessageBuilder out = new MessageBuilder(Nl.RTM_NEWLINK, 0);
        new IfInfoMsg(0, 1, 2, Nl.IFF_UP | Nl.IFF_RUNNING, 0).writeTo(out);
        out.attributeString(Nl.IFLA_IFNAME, "eth0");
        out.attribute(Nl.IFLA_ADDRESS, Mac.parse("52:54:00:12:34:56").toBytes());
        Link eth0 = LinkCodec.decode(only(out));
        assertInstanceOf(dev.weft.weaveutil.model.Device.class, eth0);
        assertEquals("", eth0.kind());
        assertTrue(eth0.isUp());
        assertEquals("52:54:00:12:34:56", eth0.mac().toString());
    }

    @Test
    void attributeParsingMasksFlagBitsAndStopsAtATruncatedTail() {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
        b.putShort((short) 8).putShort((short) (Nl.IFLA_MTU | Nl.NLA_F_NESTED)).putInt(1500);
        b.putShort((short) 40).putShort((short) Nl.IFLA_IFNAME).putInt(0); // claims more than there is
        Attributes a = Attributes.parse(b.array());
        assertEquals(1500, a.u32(Nl.IFLA_MTU, 0));
        assertTrue(!a.has(Nl.IFLA_IFNAME));
    }

    @Test
    void retiringClearsUpAndMasterAndSetsTheGroupInOneMessage() {
        NetlinkMessage m = only(LinkCodec.retire(42, 0x77656674));
        assertEquals(Nl.RTM_NEWLINK, m.type());
        ByteBuffer body = m.body();
        IfInfoMsg header = IfInfoMsg.read(body);
        assertEquals(42, header.index());
        assertEquals(0, header.flags() & Nl.IFF_UP);
        assertEquals(Nl.IFF_UP, header.change());
        Attributes a = Attributes.parse(body);
        assertEquals(0, a.u32(Nl.IFLA_MASTER, -1));
        assertEquals(0x77656674, a.u32(Nl.IFLA_GROUP, 0));
    }

    @Test
    void aGroupDeletionNamesNoLinkButTheGroup() {
        NetlinkMessage m = only(LinkCodec.deleteGroup(7));
        assertEquals(Nl.RTM_DELLINK, m.type());
        ByteBuffer body = m.body();
        assertEquals(0, IfInfoMsg.read(body).index());
        Attributes a = Attributes.parse(body);
        assertEquals(7, a.u32(Nl.IFLA_GROUP, 0));
        assertTrue(!a.has(Nl.IFLA_IFNAME));
    }
}
