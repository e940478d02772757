package dev.weft.weaveutil.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.addr.Mac;
import dev.weft.weaveutil.model.Bridge;
import dev.weft.weaveutil.model.BridgePortFlags;
import dev.weft.weaveutil.model.Inet;
import dev.weft.weaveutil.model.LinkAttrs;
import dev.weft.weaveutil.model.Neighbour;
import dev.weft.weaveutil.model.Route;
import dev.weft.weaveutil.model.Vxlan;
import dev.weft.weaveutil.addr.Ipv4;
import dev.weft.weaveutil.nl.NetlinkException;
import dev.weft.weaveutil.ns.NetNs;
import dev.weft.weaveutil.sysctl.Sysctl;
import dev.weft.weaveutil.testsupport.Privileged;
import dev.weft.weaveutil.testsupport.Shell;
import dev.weft.weaveutil.testsupport.ThrowawayNamespace;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Addresses, routes, neighbours, FDB entries, TAP devices and sysctls in a throwaway namespace. */
@Tag("privileged")
class NeighboursAndTapTest {
    private ThrowawayNamespace namespace;
    private NetNs ns;
    private Netlink netlink;

    @BeforeEach
    void setUp() {
        Privileged.assumeRootWithIproute2();
        namespace = ThrowawayNamespace.create();
        ns = namespace.open();
        netlink = Netlink.open(ns);
        netlink.links().add(new Bridge(LinkAttrs.named("weave").up()));
    }

    @AfterEach
    void tearDown() {
        if (netlink != null) {
            netlink.close();
            ns.close();
        }
        if (namespace != null) {
            namespace.close();
        }
    }

    @Test
    void addressesAndRoutesIncludingTheMulticastRoute() {
        netlink.addresses().add("weave", Cidr.parse("10.32.0.1/12"));
        assertEquals(List.of("10.32.0.1/12"), namespace.ipv4("weave"));
        assertEquals(List.of(Cidr.parse("10.32.0.1/12")), netlink.addresses().listIpv4("weave"));
        NetlinkException exists = org.junit.jupiter.api.Assertions.assertThrows(NetlinkException.class,
                () -> netlink.addresses().add("weave", Cidr.parse("10.32.0.1/12")));
        assertEquals("EEXIST", exists.errnoName());

        int weave = netlink.links().get("weave").index();
        Route multicast = Route.linkScoped(Cidr.parse("224.0.0.0/4"), weave);
        netlink.routes().add(multicast);
        netlink.routes().replace(multicast);
        assertTrue(namespace.ip("route", "show").contains("224.0.0.0/4 dev weave scope link"));
        netlink.routes().add(Route.via(Cidr.parse("10.99.0.0/16"), Ipv4.parse("10.32.0.9"), weave));
        assertTrue(namespace.ip("route", "show").contains("10.99.0.0/16 via 10.32.0.9 dev weave"));
        assertTrue(netlink.routes().listMain(Addresses.FAMILY_V4).stream()
                .anyMatch(r -> r.destinationCidr().equals(Cidr.parse("224.0.0.0/4"))));
        netlink.routes().delete(multicast);
        assertTrue(!namespace.ip("route", "show").contains("224.0.0.0/4"));

        netlink.addresses().delete("weave", Cidr.parse("10.32.0.1/12"));
        assertEquals(List.of(), namespace.ipv4("weave"));
    }

    @Test
    void ipv6AddressesAreAddedListedAndDeleted() throws Exception {
        int weave = netlink.links().get("weave").index();
        java.net.InetAddress ip = java.net.InetAddress.getByName("fd00:77::1");
        dev.weft.weaveutil.model.Address v6 = new dev.weft.weaveutil.model.Address(weave, ip, 64, 0, null);
        netlink.addresses().add(v6);
        String seen = namespace.ip("-6", "addr", "show", "dev", "weave");
        assertTrue(seen.contains("inet6 fd00:77::1/64"), seen);
        assertTrue(netlink.addresses().list(Addresses.FAMILY_V6).stream()
                .anyMatch(a -> a.ip().equals(ip) && a.prefixLength() == 64));
        netlink.addresses().delete(v6);
        assertTrue(!namespace.ip("-6", "addr", "show", "dev", "weave").contains("fd00:77::1"));
    }

    @Test
    void neighbourEntriesAreWrittenAndListed() {
        netlink.addresses().add("weave", Cidr.parse("10.32.0.1/12"));
        int weave = netlink.links().get("weave").index();
        Neighbour entry = Neighbour.permanentArp(weave, Inet.of(Ipv4.parse("10.32.0.9")), Mac.parse("02:00:00:00:00:09"));
        netlink.neighbours().replace(entry);
        JsonNode seen = namespace.ipJson("neigh", "show", "dev", "weave").get(0);
        assertEquals("10.32.0.9", seen.path("dst").asText());
        assertEquals("02:00:00:00:00:09", seen.path("lladdr").asText());
        assertTrue(netlink.neighbours().list(2, weave).stream().anyMatch(n -> n.mac() != null
                && n.mac().equals(Mac.parse("02:00:00:00:00:09"))));
        netlink.neighbours().delete(entry);
        assertEquals(0, namespace.ipJson("neigh", "show", "dev", "weave").size());
    }

    @Test
    void vxlanForwardingEntriesPointAtRemotes() {
        netlink.links().add(new Vxlan(LinkAttrs.named("vxlan-6784"), 42, 6784, null, null, 0, false, 0));
        int vxlan = netlink.links().get("vxlan-6784").index();
        Mac zero = Mac.parse("00:00:00:00:00:00");
        netlink.neighbours().append(Neighbour.vxlanFdb(vxlan, zero, Inet.of(Ipv4.parse("192.168.10.2"))));
        netlink.neighbours().append(Neighbour.vxlanFdb(vxlan, zero, Inet.of(Ipv4.parse("192.168.10.3"))));
        netlink.neighbours().replace(Neighbour.vxlanFdb(vxlan, Mac.parse("02:00:00:00:00:0a"),
                Inet.of(Ipv4.parse("192.168.10.4"))));
        String fdb = Shell.check("bridge", "-n", namespace.name(), "fdb", "show", "dev", "vxlan-6784");
        assertTrue(fdb.contains("00:00:00:00:00:00 dst 192.168.10.2 self permanent"), fdb);
        assertTrue(fdb.contains("00:00:00:00:00:00 dst 192.168.10.3 self permanent"), fdb);
        assertTrue(fdb.contains("02:00:00:00:00:0a dst 192.168.10.4 self permanent"), fdb);
        List<Neighbour> listed = netlink.neighbours().list(Neighbour.FAMILY_BRIDGE, vxlan);
        assertTrue(listed.stream().anyMatch(n -> n.ip() != null && n.ip().getHostAddress().equals("192.168.10.4")));
        netlink.neighbours().delete(Neighbour.vxlanFdb(vxlan, Mac.parse("02:00:00:00:00:0a"),
                Inet.of(Ipv4.parse("192.168.10.4"))));
        assertTrue(!Shell.check("bridge", "-n", namespace.name(), "fdb", "show", "dev", "vxlan-6784")
                .contains("02:00:00:00:00:0a"));
    }

    @Test
    void vxlanFloodEntriesNameTheRemotePortAndVni() throws Exception {
        netlink.links().add(new Vxlan(LinkAttrs.named("vxlan-hb"), 7, 6784, null, null, 0, false, 0, Vxlan.DF_SET));
        assertTrue(namespace.ip("-d", "link", "show", "vxlan-hb").contains("df set"));
        assertEquals(Vxlan.DF_SET, ((Vxlan) netlink.links().get("vxlan-hb")).df());
        int vxlan = netlink.links().get("vxlan-hb").index();
        java.net.InetAddress remote = Inet.of(Ipv4.parse("192.168.10.2"));
        netlink.neighbours().append(Neighbour.vxlanFdb(vxlan, Neighbour.FLOOD, remote, 7784, 9));
        String fdb = Shell.check("bridge", "-n", namespace.name(), "fdb", "show", "dev", "vxlan-hb");
        assertTrue(fdb.contains("00:00:00:00:00:00 dst 192.168.10.2 port 7784 vni 9 self permanent"), fdb);
        Neighbour listed = netlink.neighbours().list(Neighbour.FAMILY_BRIDGE, vxlan).stream()
                .filter(Neighbour::isFlood).findFirst().orElseThrow();
        assertEquals(7784, listed.port());
        assertEquals(9, listed.vni());
        netlink.neighbours().delete(listed);
        assertTrue(!Shell.check("bridge", "-n", namespace.name(), "fdb", "show", "dev", "vxlan-hb").contains("dst"));
    }

    @Test
    void bridgePortsCanBeIsolatedAndKeptFromFloods() {
        netlink.links().add(new Vxlan(LinkAttrs.named("vxlan-6784"), 42, 6784, null, null, 0, true, 0));
        netlink.links().setMaster("vxlan-6784", "weave");
        netlink.links().setBridgePort("vxlan-6784", BridgePortFlags.UNCHANGED.withIsolated(true));
        JsonNode port = namespace.ipJson("-d", "link", "show", "vxlan-6784").get(0).path("linkinfo")
                .path("info_slave_data");
        assertTrue(port.path("isolated").asBoolean(), port.toString());
        assertEquals(Boolean.TRUE, netlink.links().bridgePort("vxlan-6784").orElseThrow().isolated());
        netlink.links().setBridgePort("vxlan-6784", BridgePortFlags.UNCHANGED.withoutFlooding());
        BridgePortFlags flags = netlink.links().bridgePort("vxlan-6784").orElseThrow();
        assertEquals(new BridgePortFlags(true, true, false, false, false), flags);
        assertTrue(netlink.links().bridgePort("weave").isEmpty(), "the bridge itself is no port");
    }

    @Test
    void aTapDeviceCarriesFramesBothWays() throws Exception {
        try (TapDevice tap = TapDevice.open(ns, "vethwe-tap")) {
            assertEquals("vethwe-tap", tap.name());
            JsonNode link = namespace.link("vethwe-tap").orElseThrow();
            assertEquals("tun", link.path("linkinfo").path("info_kind").asText());
            netlink.links().setMaster("vethwe-tap", "weave");
            netlink.links().setUp("vethwe-tap");
            // A broadcast frame written into the tap is counted by the kernel as received on it.
            byte[] frame = new byte[60];
            java.util.Arrays.fill(frame, 0, 6, (byte) 0xff);
            frame[6] = 2;
            frame[12] = 0x08;
            frame[13] = 0x06;
            tap.write(frame, frame.length);
            JsonNode stats = namespace.ipJson("-s", "link", "show", "vethwe-tap").get(0).path("stats64");
            assertEquals(1, stats.path("rx").path("packets").asInt(), stats.toString());
        }
        assertTrue(namespace.link("vethwe-tap").isEmpty(), "a non-persistent tap goes away with its file");
    }

    @Test
    void sysctlsAreWrittenInTheNamespaceNotTheCaller() {
        Sysctl.write(ns, "net/ipv4/conf/weave/arp_notify", "1");
        assertEquals("1", namespace.exec("cat", "/proc/sys/net/ipv4/conf/weave/arp_notify").trim());
        assertEquals("1", Sysctl.read(ns, "net/ipv4/conf/weave/arp_notify"));
        Sysctl.SysctlException e = org.junit.jupiter.api.Assertions.assertThrows(Sysctl.SysctlException.class,
                () -> Sysctl.write(ns, "net/ipv4/conf/nosuch/arp_notify", "1"));
        assertEquals("sysctl net/ipv4/conf/nosuch/arp_notify=1: no such setting", e.getMessage());
    }
}
