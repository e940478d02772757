package dev.weft.weaveutil.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.weaveutil.model.Bridge;
import dev.weft.weaveutil.model.LinkAttrs;
import dev.weft.weaveutil.model.Veth;
import dev.weft.weaveutil.ns.NetNs;
import dev.weft.weaveutil.testsupport.Privileged;
import dev.weft.weaveutil.testsupport.ThrowawayNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Retiring and batch deletion on the kernel, checked with {@code ip}. */
@Tag("privileged")
class LinkReaperPrivilegedTest {
    private ThrowawayNamespace host;
    private ThrowawayNamespace containers;
    private NetNs hostNs;
    private NetNs containerNs;
    private Netlink netlink;

    @BeforeEach
    void setUp() {
        Privileged.assumeRootWithIproute2();
        host = ThrowawayNamespace.create();
        containers = ThrowawayNamespace.create();
        hostNs = host.open();
        containerNs = containers.open();
        netlink = Netlink.open(hostNs);
        netlink.links().add(new Bridge(LinkAttrs.named("weave").up()));
    }

    @AfterEach
    void tearDown() {
        if (netlink != null) {
            netlink.close();
            hostNs.close();
            containerNs.close();
        }
        if (host != null) {
            host.close();
            containers.close();
        }
    }

    private int addPort(String hostEnd, String containerEnd) {
        int bridge = netlink.links().get("weave").index();
        netlink.links().add(Veth.pair(LinkAttrs.named(hostEnd).withMaster(bridge).up(), containerEnd, containerNs));
        return netlink.links().get(hostEnd).index();
    }

    @Test
    void retiringTakesTheLinkDownOffTheBridgeAndIntoTheGroupInOneRequest() {
        int index = addPort("vethwepl1", "ethwe1");
        netlink.links().retire(index, LinkReaper.GROUP);
        JsonNode seen = host.link("vethwepl1").orElseThrow();
        assertFalse(seen.path("flags").toString().contains("\"UP\""), seen.toString());
        assertTrue(seen.path("master").isMissingNode(), seen.toString());
        assertEquals(Integer.toUnsignedString(LinkReaper.GROUP), seen.path("group").asText());
        assertTrue(netlink.links().deleteGroup(LinkReaper.GROUP));
        assertFalse(netlink.links().deleteGroup(LinkReaper.GROUP), "an empty group has nothing to delete");
    }

    @Test
    void everyRetiredVethGoesWithBothEndsAndOthersStay() {
        addPort("keep", "ethkeep");
        try (LinkReaper reaper = LinkReaper.open(hostNs)) {
            for (int i = 0; i < 30; i++) {
                reaper.retire(addPort("vethwepl" + i, "ethwe" + i), "vethwepl" + i);
            }
            reaper.flush();
        }
        for (JsonNode link : host.ipJson("link", "show")) {
            assertFalse(link.path("ifname").asText().startsWith("vethwepl"), link.toString());
        }
        for (JsonNode link : containers.ipJson("link", "show")) {
            assertFalse(link.path("ifname").asText().matches("ethwe\\d+"), link.toString());
        }
        assertEquals("weave", host.link("keep").orElseThrow().path("master").asText());
        assertTrue(containers.link("ethkeep").isPresent());
    }

    @Test
    void aNameIsFreeAgainOnceAwaitGoneReturns() {
        try (LinkReaper reaper = LinkReaper.open(hostNs)) {
            reaper.retire(addPort("vethwepl9", "ethwe"), "vethwepl9");
            reaper.awaitGone("vethwepl9");
            assertFalse(reaper.isPending("vethwepl9"));
            addPort("vethwepl9", "ethwe");
        }
        assertEquals("weave", host.link("vethwepl9").orElseThrow().path("master").asText());
    }
}
