package dev.weft.weaveutil.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.weaveutil.addr.Ipv4;
import dev.weft.weaveutil.addr.Mac;
import dev.weft.weaveutil.model.Bridge;
import dev.weft.weaveutil.model.Dummy;
import dev.weft.weaveutil.model.Link;
import dev.weft.weaveutil.model.LinkAttrs;
import dev.weft.weaveutil.model.Macvlan;
import dev.weft.weaveutil.model.Veth;
import dev.weft.weaveutil.model.Vxlan;
import dev.weft.weaveutil.nl.Errno;
import dev.weft.weaveutil.nl.NetlinkException;
import dev.weft.weaveutil.ns.NetNs;
import dev.weft.weaveutil.testsupport.Privileged;
import dev.weft.weaveutil.testsupport.ThrowawayNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("privileged")
class LinksTest {
    private ThrowawayNamespace host;
    private ThrowawayNamespace other;
    private NetNs hostNs;
    private Netlink netlink;

    @BeforeEach
    void setUp() {
        Privileged.assumeRootWithIproute2();
        host = ThrowawayNamespace.create();
        other = ThrowawayNamespace.create();
        hostNs = host.open();
        netlink = Netlink.open(hostNs);
    }

    @AfterEach
    void tearDown() {
        if (netlink != null) {
            netlink.close();
            hostNs.close();
        }
        if (host != null) {
            host.close();
            other.close();
        }
    }

    private Links links() {
        return netlink.links();
    }

    @Test
    void bridgeIsCreatedWithMtuAndMacAndSeenByIp() {
        Mac mac = Mac.parse("02:11:22:33:44:55");
        links().add(new Bridge(LinkAttrs.named("weave").withMtu(65535).withMac(mac)));
        JsonNode seen = host.link("weave").orElseThrow();
        assertEquals(65535, seen.path("mtu").asInt());
        assertEquals("02:11:22:33:44:55", seen.path("address").asText());
        assertEquals("bridge", seen.path("linkinfo").path("info_kind").asText());

        Link decoded = links().get("weave");
        assertInstanceOf(Bridge.class, decoded);
        assertEquals(65535, decoded.mtu());
        assertEquals(mac, decoded.mac());
        assertEquals(seen.path("ifindex").asInt(), decoded.index());
    }

    @Test
    void vethPeerIsPlacedDirectlyInAnotherNamespace() {
        links().add(new Bridge(LinkAttrs.named("br0")));
        int bridgeIndex = links().get("br0").index();
        try (NetNs peerNs = other.open()) {
            links().add(Veth.pair(LinkAttrs.named("vethA").withMtu(1400).withMaster(bridgeIndex).up(), "ethwe", peerNs));
        }
        JsonNode hostEnd = host.link("vethA").orElseThrow();
        assertEquals("br0", hostEnd.path("master").asText());
        assertEquals(1400, hostEnd.path("mtu").asInt());
        assertTrue(hostEnd.path("flags").toString().contains("\"UP\""), hostEnd.toString());
        JsonNode peer = other.link("ethwe").orElseThrow();
        assertEquals(1400, peer.path("mtu").asInt());
        assertEquals("veth", peer.path("linkinfo").path("info_kind").asText());
        assertTrue(host.link("ethwe").isEmpty());
    }

    @Test
    void dummyRoundTripsWhereTheKernelHasIt() {
        try {
            links().add(new Dummy(LinkAttrs.named("dummy0").withMtu(1234)));
        } catch (NetlinkException e) {
            assumeTrue(e.errno() != Errno.EOPNOTSUPP, "skipped: this kernel has no dummy driver (" + e.getMessage() + ")");
            throw e;
        }
        assertInstanceOf(Dummy.class, links().get("dummy0"));
        assertEquals(1234, host.link("dummy0").orElseThrow().path("mtu").asInt());
    }

    @Test
    void vxlanAndMacvlanRoundTripThroughTheKernel() {
        links().add(new Bridge(LinkAttrs.named("parent0")));
        int parent = links().get("parent0").index();
        links().add(new Macvlan(LinkAttrs.named("mv0").withParent(parent), Macvlan.MODE_BRIDGE));
        links().add(new Vxlan(LinkAttrs.named("vxlan-6784"), 4242, 6784, Ipv4.parse("10.9.8.7"), null, 0, false, 0));

        Vxlan vxlan = assertInstanceOf(Vxlan.class, links().get("vxlan-6784"));
        assertEquals(4242, vxlan.vni());
        assertEquals(6784, vxlan.port());
        assertEquals(Ipv4.parse("10.9.8.7"), vxlan.local());
        JsonNode seen = host.link("vxlan-6784").orElseThrow().path("linkinfo").path("info_data");
        assertEquals(4242, seen.path("id").asInt());
        assertEquals(6784, seen.path("port").asInt());

        Macvlan macvlan = assertInstanceOf(Macvlan.class, links().get("mv0"));
        assertEquals(Macvlan.MODE_BRIDGE, macvlan.mode());
        assertEquals(parent, macvlan.attrs().parentIndex());
        assertEquals("bridge", host.link("mv0").orElseThrow().path("linkinfo").path("info_data").path("mode").asText());
        assertTrue(links().list().stream().anyMatch(l -> l.name().equals("lo")));
    }

    @Test
    void settersChangeWhatIpReports() {
        links().add(new Bridge(LinkAttrs.named("br0")));
        links().add(Veth.pair(LinkAttrs.named("d0"), "d0peer", null));
        links().setMtu("d0", 1300);
        links().setMac("d0", Mac.parse("02:00:00:00:00:07"));
        links().setMaster("d0", "br0");
        links().setUp("d0");
        JsonNode d0 = host.link("d0").orElseThrow();
        assertEquals(1300, d0.path("mtu").asInt());
        assertEquals("02:00:00:00:00:07", d0.path("address").asText());
        assertEquals("br0", d0.path("master").asText());
        assertTrue(links().get("d0").isUp());

        links().setDown("d0");
        links().setMaster("d0", null);
        links().rename("d0", "d1");
        assertFalse(links().get("d1").isUp());
        assertTrue(host.link("d1").orElseThrow().path("master").isMissingNode());
        assertTrue(host.link("d0").isEmpty());

        try (NetNs target = other.open()) {
            links().moveTo("d1", target);
        }
        assertTrue(host.link("d1").isEmpty());
        assertTrue(other.link("d1").isPresent());
    }

    @Test
    void hairpinModeIsSetOnABridgePort() {
        links().add(new Bridge(LinkAttrs.named("br0")));
        links().add(Veth.pair(LinkAttrs.named("d0").withMaster(links().get("br0").index()), "d0peer", null));
        links().setHairpin("d0", true);
        String detail = host.ip("-d", "link", "show", "d0");
        assertTrue(detail.contains("hairpin on"), detail);
    }

    @Test
    void kernelErrorsNameTheOperationTheObjectAndTheErrno() {
        links().add(new Bridge(LinkAttrs.named("d0")));
        NetlinkException exists = assertThrows(NetlinkException.class,
                () -> links().add(Veth.pair(LinkAttrs.named("d0"), "d0peer", null)));
        assertTrue(exists.getMessage().startsWith("add veth d0: EEXIST"), exists.getMessage());
        assertEquals("EEXIST", exists.errnoName());

        LinkNotFoundException missing = assertThrows(LinkNotFoundException.class, () -> links().setUp("nosuch0"));
        assertEquals("set nosuch0 up: ENODEV (no such device)", missing.getMessage());
        assertThrows(LinkNotFoundException.class, () -> links().get("nosuch0"));
        assertThrows(IllegalArgumentException.class, () -> links().find("a-name-longer-than-15"));
    }

    @Test
    void deleteIsIdempotentOnlyWhenAskedToBe() {
        links().add(new Bridge(LinkAttrs.named("d0")));
        assertTrue(links().deleteIfExists("d0"));
        assertFalse(links().deleteIfExists("d0"));
        assertTrue(host.link("d0").isEmpty());
        assertThrows(LinkNotFoundException.class, () -> links().delete("d0"));
    }
}
