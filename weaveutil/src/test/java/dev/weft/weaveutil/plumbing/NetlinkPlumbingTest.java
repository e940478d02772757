package dev.weft.weaveutil.plumbing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.netlink.LinkNotFoundException;
import dev.weft.weaveutil.netlink.LinkReaper;
import dev.weft.weaveutil.ns.NetNs;
import dev.weft.weaveutil.testsupport.Privileged;
import dev.weft.weaveutil.testsupport.ThrowawayNamespace;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The real plumbing between a throwaway "host" namespace and a throwaway "container" namespace. */
@Tag("privileged")
class NetlinkPlumbingTest {
    private static final Cidr A = Cidr.parse("10.32.0.5/12");
    private static final Cidr B = Cidr.parse("10.32.0.6/12");
    private static final Cidr C = Cidr.parse("10.40.1.2/24");

    private ThrowawayNamespace host;
    private ThrowawayNamespace container;
    private NetlinkPlumbing plumbing;
    private int pid;

    @BeforeEach
    void setUp() {
        Privileged.assumeRootWithIproute2();
        host = ThrowawayNamespace.create();
        container = ThrowawayNamespace.create();
        pid = container.startProcess();
        plumbing = new NetlinkPlumbing(host.open(), new IptablesContainerFirewall());
    }

    @AfterEach
    void tearDown() {
        if (plumbing != null) {
            plumbing.close();
        }
        if (host != null) {
            host.close();
            container.close();
        }
    }

    @Test
    void ensureBridgeCreatesOnceAndKeepsItUp() {
        plumbing.ensureBridge("weave", 65535, "02:aa:bb:cc:dd:ee");
        plumbing.ensureBridge("weave", 65535, "02:aa:bb:cc:dd:ee");
        JsonNode weave = host.link("weave").orElseThrow();
        assertEquals("bridge", weave.path("linkinfo").path("info_kind").asText());
        assertEquals(65535, weave.path("mtu").asInt());
        assertEquals("02:aa:bb:cc:dd:ee", weave.path("address").asText());
        assertTrue(weave.path("flags").toString().contains("\"UP\""));
        assertEquals("5", host.exec("cat", "/proc/sys/net/ipv4/neigh/weave/base_reachable_time").trim());

        host.ip("link", "add", "notabr", "type", "veth", "peer", "name", "notabr2");
        PlumbingException e = assertThrows(PlumbingException.class, () -> plumbing.ensureBridge("notabr", 0, null));
        assertEquals("notabr exists but is not a bridge (kind: veth)", e.getMessage());
    }

    @Test
    void bridgeAddressesAreAddedAndRemovedIdempotently() {
        plumbing.ensureBridge("weave", 1376, null);
        assertTrue(plumbing.addBridgeAddress("weave", A));
        assertFalse(plumbing.addBridgeAddress("weave", A));
        assertEquals(List.of("10.32.0.5/12"), host.ipv4("weave"));
        assertEquals(List.of(A), plumbing.bridgeAddresses("weave"));
        assertTrue(plumbing.deleteBridgeAddress("weave", A));
        assertFalse(plumbing.deleteBridgeAddress("weave", A));
        assertEquals(List.of(), host.ipv4("weave"));
        assertThrows(LinkNotFoundException.class, () -> plumbing.bridgeAddresses("nosuchbridge"));
    }

    @Test
    void attachWiresTheContainerAsSpecified() {
        plumbing.ensureBridge("weave", 1376, null);
        List<Cidr> added = plumbing.attachContainer(pid, "weave", List.of(A, C), AttachOptions.defaults());
        assertEquals(List.of(A, C), added);

        JsonNode hostEnd = host.link(VethNames.hostEnd(pid)).orElseThrow();
        assertEquals("weave", hostEnd.path("master").asText());
        assertEquals(1376, hostEnd.path("mtu").asInt());
        assertTrue(host.ip("-d", "link", "show", VethNames.hostEnd(pid)).contains("hairpin on"));

        JsonNode ethwe = container.link("ethwe").orElseThrow();
        assertEquals(1376, ethwe.path("mtu").asInt());
        assertTrue(ethwe.path("flags").toString().contains("\"UP\""));
        assertEquals(List.of("10.32.0.5/12", "10.40.1.2/24"), container.ipv4("ethwe"));
        assertTrue(container.ip("-4", "addr", "show", "dev", "ethwe").contains("brd 10.47.255.255"));
        String routes = container.ip("route", "show", "224.0.0.0/4");
        assertTrue(routes.contains("224.0.0.0/4 dev ethwe scope link"), routes);
        assertEquals("1", container.exec("cat", "/proc/sys/net/ipv4/neigh/ethwe/ucast_solicit").trim());
        assertEquals("0", container.exec("cat", "/proc/sys/net/ipv6/conf/ethwe/accept_ra").trim());


        InterfaceInfo info = plumbing.containerInterface(pid, "ethwe").orElseThrow();
        assertEquals(ethwe.path("address").asText(), info.mac());
        assertEquals(List.of(A, C), info.addresses());
    }

    @Test
    void eachNewAddressIsAnnouncedWithAGratuitousArp() {
        plumbing.ensureBridge("weave", 1376, null);
        host.ip("addr", "add", "10.32.0.1/12", "dev", "weave");
        // Let the bridge's ARP layer learn from unsolicited announcements, so they become visible.
        host.exec("sh", "-c", "echo 1 > /proc/sys/net/ipv4/conf/weave/arp_accept");
        plumbing.attachContainer(pid, "weave", List.of(A), AttachOptions.defaults());
        String mac = container.link("ethwe").orElseThrow().path("address").asText();
        JsonNode learnt = null;
        for (int attempt = 0; attempt < 50 && learnt == null; attempt++) {
            for (JsonNode n : host.ipJson("neigh", "show", "dev", "weave")) {
                if (n.path("dst").asText().equals("10.32.0.5")) {
                    learnt = n;
                }
            }
            sleep(20);
        }
        assertTrue(learnt != null, "the host never heard of 10.32.0.5");
        assertEquals(mac, learnt.path("lladdr").asText());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void attachingAgainAddsOnlyWhatIsNew() {
        plumbing.ensureBridge("weave", 1376, null);
        plumbing.attachContainer(pid, "weave", List.of(A), AttachOptions.defaults());
        assertEquals(List.of(B), plumbing.attachContainer(pid, "weave", List.of(A, B), AttachOptions.defaults()));
        assertEquals(List.of(), plumbing.attachContainer(pid, "weave", List.of(A, B), AttachOptions.defaults()));
        assertEquals(List.of("10.32.0.5/12", "10.32.0.6/12"), container.ipv4("ethwe"));
    }

    @Test
    void optionsTurnOffTheMulticastRouteAndHairpin() {
        plumbing.ensureBridge("weave", 1376, null);
        AttachOptions opts = AttachOptions.defaults().withMulticastRoute(false).withHairpin(false).withKeepTxOn(true);
        plumbing.attachContainer(pid, "weave", List.of(A), opts);
        assertEquals("", container.ip("route", "show", "224.0.0.0/4").trim());
        assertTrue(host.ip("-d", "link", "show", VethNames.hostEnd(pid)).contains("hairpin off"));
    }

    @Test
    void detachRemovesAddressesThenTheInterface() {
        plumbing.ensureBridge("weave", 1376, null);
        plumbing.attachContainer(pid, "weave", List.of(A, C), AttachOptions.defaults());

        assertEquals(List.of(C), plumbing.detachContainer(pid, List.of(C, Cidr.parse("10.99.0.1/24"))));
        assertEquals(List.of("10.32.0.5/12"), container.ipv4("ethwe"));

        assertEquals(List.of(A), plumbing.detachContainer(pid, List.of(A)));
        plumbing.awaitDetachedGone();
        assertTrue(container.link("ethwe").isEmpty());
        assertTrue(host.link(VethNames.hostEnd(pid)).isEmpty());
        assertEquals(List.of(), plumbing.detachContainer(pid, List.of(A)));
        assertTrue(plumbing.containerInterface(pid, "ethwe").isEmpty());
    }

    @Test
    void theLastDetachTakesTheVethOutOfServiceBeforeItIsDeleted() {
        plumbing.ensureBridge("weave", 1376, null);
        plumbing.attachContainer(pid, "weave", List.of(A), AttachOptions.defaults());
        plumbing.detachContainer(pid, List.of(A));
        host.link(VethNames.hostEnd(pid)).ifPresent(hostEnd -> {
            assertFalse(hostEnd.path("flags").toString().contains("\"UP\""), hostEnd.toString());
            assertTrue(hostEnd.path("master").isMissingNode(), "still on the bridge: " + hostEnd);
        });
        try (NetNs ns = container.open()) {
            assertTrue(plumbing.interfacesOnBridge(ns, "weave").isEmpty(), "weave ps would still list it");
        }
        plumbing.awaitDetachedGone();
        assertTrue(host.link(VethNames.hostEnd(pid)).isEmpty());
        assertTrue(container.link("ethwe").isEmpty());
    }

    @Test
    void vethsAKilledRouterRetiredAreDeletedBeforeTheNextAttach() {
        plumbing.ensureBridge("weave", 1376, null);
        plumbing.attachContainer(pid, "weave", List.of(A), AttachOptions.defaults());
        plumbing.hostNetlink().links().retire(plumbing.hostNetlink().links().get(VethNames.hostEnd(pid)).index(),
                LinkReaper.GROUP);
        plumbing.close();
        plumbing = new NetlinkPlumbing(host.open(), new IptablesContainerFirewall());
        assertTrue(host.link(VethNames.hostEnd(pid)).isEmpty());
        assertTrue(container.link("ethwe").isEmpty());
        assertEquals(List.of(B), plumbing.attachContainer(pid, "weave", List.of(B), AttachOptions.defaults()));
        assertEquals("weave", host.link(VethNames.hostEnd(pid)).orElseThrow().path("master").asText());
    }

    @Test
    void reattachingRightAfterTheLastDetachGetsAFreshInterface() {
        plumbing.ensureBridge("weave", 1376, null);
        for (int round = 0; round < 5; round++) {
            assertEquals(List.of(A), plumbing.attachContainer(pid, "weave", List.of(A), AttachOptions.defaults()));
            assertEquals(List.of(A), plumbing.detachContainer(pid, List.of(A)));
        }
        assertEquals(List.of(B), plumbing.attachContainer(pid, "weave", List.of(B), AttachOptions.defaults()));
        assertEquals(List.of("10.32.0.6/12"), container.ipv4("ethwe"));
        assertEquals("weave", host.link(VethNames.hostEnd(pid)).orElseThrow().path("master").asText());
        JsonNode ethwe = container.link("ethwe").orElseThrow();
        assertTrue(ethwe.path("flags").toString().contains("\"UP\""), ethwe.toString());
    }

    @Test
    void detachingThePrimaryAddressKeepsTheOthersOfItsSubnet() {
        plumbing.ensureBridge("weave", 1376, null);
        plumbing.attachContainer(pid, "weave", List.of(A, B), AttachOptions.defaults());
        assertEquals(List.of(A), plumbing.detachContainer(pid, List.of(A)));
        assertEquals(List.of("10.32.0.6/12"), container.ipv4("ethwe"));
    }

    @Test
    void containerMulticastRulesFollowTheAddresses() {
        assumeTrue(IptablesContainerFirewall.findOnPath("iptables").isPresent(),
                "skipped: no iptables binary, so weaveutil skips the container rules too");
        plumbing.ensureBridge("weave", 1376, null);
        plumbing.attachContainer(pid, "weave", List.of(A, C), AttachOptions.defaults());
        String rules = container.exec("iptables", "-S", "INPUT");
        assertTrue(rules.contains("-A INPUT -d 224.0.0.0/4 -i ethwe -j DROP"), rules);
        assertTrue(rules.contains("-A INPUT -s 10.32.0.0/12 -d 224.0.0.0/4 -i ethwe -j ACCEPT"), rules);
        assertTrue(rules.contains("-A INPUT -s 10.40.1.0/24 -d 224.0.0.0/4 -i ethwe -j ACCEPT"), rules);
        assertTrue(rules.indexOf("-j ACCEPT") < rules.indexOf("-j DROP"), "ACCEPT rules must come first: " + rules);

        plumbing.attachContainer(pid, "weave", List.of(A, B), AttachOptions.defaults());
        rules = container.exec("iptables", "-S", "INPUT");
        assertEquals(1, rules.split("-s 10.32.0.0/12", -1).length - 1, rules);

        plumbing.detachContainer(pid, List.of(C, A));
        rules = container.exec("iptables", "-S", "INPUT");
        assertFalse(rules.contains("10.40.1.0/24"), rules);
        assertTrue(rules.contains("-s 10.32.0.0/12"), "B still lives in 10.32.0.0/12: " + rules);

        plumbing.detachContainer(pid, List.of(B));
        assertFalse(container.exec("iptables", "-S", "INPUT").contains("ethwe"));
    }

    @Test
    void aMissingBridgeFailsBeforeAnythingIsMade() {
        PlumbingException e = assertThrows(PlumbingException.class,
                () -> plumbing.attachContainer(pid, "nobridge", List.of(A), AttachOptions.defaults()));
        assertEquals("bridge nobridge not found", e.getMessage());
        assertTrue(container.link("ethwe").isEmpty());
    }

    /** A firewall that fails at a chosen step, to check what a failed attach leaves behind. */
    private static final class FailingFirewall implements ContainerFirewall {
        private final String failAt;

        FailingFirewall(String failAt) {
            this.failAt = failAt;
        }

        private void maybeFail(String step) {
            if (step.equals(failAt)) {
                throw new PlumbingException("iptables " + step + ": simulated failure");
            }
        }

        @Override
        public void ensureMulticastFilter(String ifName, Collection<Cidr> allowedSubnets) {
            maybeFail("filter");
        }

        @Override
        public void installMulticastFilter(String ifName, Collection<Cidr> allowedSubnets) {
            maybeFail("filter");
        }

        @Override
        public void removeMulticastAllows(String ifName, Collection<Cidr> subnets) {
        }

        @Override
        public void removeMulticastFilter(String ifName) {
        }
    }

    @Test
    void aFailureAfterAddressesWereAddedRemovesTheNewVeth() {
        plumbing.ensureBridge("weave", 1376, null);
        try (NetlinkPlumbing failing = new NetlinkPlumbing(host.open(), new FailingFirewall("filter"))) {
            PlumbingException e = assertThrows(PlumbingException.class,
                    () -> failing.attachContainer(pid, "weave", List.of(A), AttachOptions.defaults()));
            assertEquals("iptables filter: simulated failure", e.getMessage());
        }
        assertTrue(container.link("ethwe").isEmpty(), "half-made ethwe left behind");
        assertTrue(host.link(VethNames.hostEnd(pid)).isEmpty(), "half-made host veth left behind");
    }

    @Test
    void aFailureOnAnExistingInterfaceKeepsIt() {
        plumbing.ensureBridge("weave", 1376, null);
        plumbing.attachContainer(pid, "weave", List.of(A), AttachOptions.defaults());
        try (NetlinkPlumbing failing = new NetlinkPlumbing(host.open(), new FailingFirewall("filter"))) {
            assertThrows(PlumbingException.class,
                    () -> failing.attachContainer(pid, "weave", List.of(C), AttachOptions.defaults()));
        }
        assertTrue(container.link("ethwe").isPresent());
        assertTrue(container.ipv4("ethwe").contains("10.32.0.5/12"));
    }

    @Test
    void aGoneContainerIsReportedAsDied() {
        PlumbingException e = assertThrows(PlumbingException.class,
                () -> plumbing.attachContainer(Integer.MAX_VALUE - 3, "weave", List.of(A), AttachOptions.defaults()));
        assertTrue(e.getMessage().startsWith("container " + (Integer.MAX_VALUE - 3) + " died"), e.getMessage());
        assertEquals(List.of(), plumbing.detachContainer(Integer.MAX_VALUE - 3, List.of(A)));
    }

    @Test
    void netcheckFindsOverlapsExceptOnIgnoredInterfaces() {
        plumbing.ensureBridge("weave", 1376, null);
        host.ip("link", "set", "weave", "up");
        host.ip("addr", "add", "10.0.0.1/8", "dev", "weave");
        assertTrue(plumbing.overlapsHostRoute(Cidr.parse("10.32.0.0/12"), Set.of()));
        assertFalse(plumbing.overlapsHostRoute(Cidr.parse("10.32.0.0/12"), Set.of("weave")));
        assertFalse(plumbing.overlapsHostRoute(Cidr.parse("192.168.7.0/24"), Set.of()));
    }
}
