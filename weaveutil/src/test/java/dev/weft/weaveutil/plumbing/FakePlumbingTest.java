package dev.weft.weaveutil.plumbing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.netlink.LinkNotFoundException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FakePlumbingTest {
    private static final Cidr A = Cidr.parse("10.32.0.5/12");
    private static final Cidr B = Cidr.parse("10.32.0.6/12");
    private final FakePlumbing plumbing = new FakePlumbing();

    @Test
    void bridgesFollowTheRealRules() {
        plumbing.ensureBridge("weave", 1376, "02:aa:bb:cc:dd:ee");
        plumbing.ensureBridge("weave", 1376, null);
        assertEquals(1376, plumbing.bridge("weave").orElseThrow().mtu());
        assertEquals("02:aa:bb:cc:dd:ee", plumbing.bridge("weave").orElseThrow().mac());
        assertTrue(plumbing.addBridgeAddress("weave", A));
        assertFalse(plumbing.addBridgeAddress("weave", A));
        assertEquals(List.of(A), plumbing.bridgeAddresses("weave"));
        assertTrue(plumbing.deleteBridgeAddress("weave", A));
        assertFalse(plumbing.deleteBridgeAddress("weave", A));
        plumbing.deleteLink("weave");
        plumbing.deleteLink("weave");
        assertThrows(LinkNotFoundException.class, () -> plumbing.bridgeAddresses("weave"));
        plumbing.addHostLink("eth0");
        assertThrows(PlumbingException.class, () -> plumbing.ensureBridge("eth0", 0, null));
    }

    @Test
    void attachAndDetachReportWhatChanged() {
        plumbing.ensureBridge("weave", 1376, null);
        plumbing.addContainer(42);
        assertEquals(List.of(A), plumbing.attachContainer(42, "weave", List.of(A), AttachOptions.defaults()));
        assertEquals(List.of(B), plumbing.attachContainer(42, "weave", List.of(A, B), AttachOptions.defaults()));
        assertTrue(plumbing.hasMulticastRoute(42));
        assertEquals(List.of(A, B), plumbing.containerInterface(42, "ethwe").orElseThrow().addresses());
        assertEquals(List.of(A), plumbing.detachContainer(42, List.of(A)));
        assertEquals(List.of(B), plumbing.detachContainer(42, List.of(B)));
        assertTrue(plumbing.containerInterface(42, "ethwe").isEmpty());
        assertEquals(List.of(), plumbing.detachContainer(42, List.of(B)));
    }

    @Test
    void failuresMatchTheRealOnes() {
        plumbing.addContainer(42).addHostNetworkContainer(43);
        assertEquals("bridge weave not found", assertThrows(PlumbingException.class,
                () -> plumbing.attachContainer(42, "weave", List.of(A), AttachOptions.defaults())).getMessage());
        plumbing.ensureBridge("weave", 1376, null);
        assertTrue(assertThrows(PlumbingException.class,
                () -> plumbing.attachContainer(7, "weave", List.of(A), AttachOptions.defaults()))
                .getMessage().startsWith("container 7 died"));
        assertTrue(assertThrows(PlumbingException.class,
                () -> plumbing.attachContainer(43, "weave", List.of(A), AttachOptions.defaults()))
                .getMessage().contains("--net=host"));
        plumbing.failNextAttach(new PlumbingException("boom"));
        assertThrows(PlumbingException.class,
                () -> plumbing.attachContainer(42, "weave", List.of(A), AttachOptions.defaults()));
        assertTrue(plumbing.containerInterface(42, "ethwe").isEmpty(), "failed attach left an interface");
        plumbing.attachContainer(42, "weave", List.of(A), AttachOptions.defaults());
        plumbing.killContainer(42);
        assertTrue(plumbing.containerInterface(42, "ethwe").isEmpty());
    }

    @Test
    void netcheckAndSysctl() {
        plumbing.addHostRoute(Cidr.parse("10.0.0.0/8"), "eth0");
        assertTrue(plumbing.overlapsHostRoute(Cidr.parse("10.32.0.0/12"), Set.of()));
        assertFalse(plumbing.overlapsHostRoute(Cidr.parse("10.32.0.0/12"), Set.of("eth0")));
        plumbing.setSysctl(null, "net/ipv4/conf/weave/arp_notify", "1");
        assertEquals("1", plumbing.sysctl("net/ipv4/conf/weave/arp_notify").orElseThrow());
    }
}
