package dev.weft.router.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.testsupport.ThrowawayNetns;
import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.ns.NetNs;
import dev.weft.weaveutil.plumbing.NetlinkPlumbing;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The weave bridge made by real netlink in a throwaway namespace. */
@Tag("privileged")
class WeaveBridgePrivilegedTest {
    private ThrowawayNetns netns;
    private NetNs handle;
    private NetlinkPlumbing plumbing;

    @BeforeEach
    void setUp() throws Exception {
        netns = ThrowawayNetns.create("rhost-br");
        handle = NetNs.named(netns.name());
        plumbing = handle.call(NetlinkPlumbing::new);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (plumbing != null) {
            plumbing.close();
        }
        if (handle != null) {
            handle.close();
        }
        if (netns != null) {
            netns.close();
        }
    }

    private String sh(String... command) throws Exception {
        return ThrowawayNetns.run(netns.exec(command).toArray(String[]::new));
    }

    @Test
    void ensureMakesTheBridgeWithMtuMacAndSysctlsAndRemoveDeletesIt() throws Exception {
        WeaveBridge bridge = new WeaveBridge(plumbing, handle, "weave", 1376, "8a:3e:3e:3e:3e:3e");
        bridge.ensure();
        bridge.ensure();

        String link = sh("ip", "-d", "link", "show", "weave");
        assertTrue(link.contains("mtu 1376"), link);
        assertTrue(link.contains("link/ether 8a:3e:3e:3e:3e:3e"), link);
        assertTrue(link.contains("bridge "), link);
        assertTrue(link.contains("state UP") || link.contains(",UP"), link);
        assertEquals("5", sh("cat", "/proc/sys/net/ipv4/neigh/weave/base_reachable_time").strip());
        assertEquals("1", sh("cat", "/proc/sys/net/ipv4/neigh/weave/ucast_solicit").strip());
        assertEquals("0", sh("cat", "/proc/sys/net/ipv6/conf/weave/accept_ra").strip());

        assertTrue(bridge.addAddress(Cidr.parse("10.32.0.100/12")));
        assertFalse(bridge.addAddress(Cidr.parse("10.32.0.100/12")));
        assertTrue(sh("ip", "-4", "addr", "show", "weave").contains("inet 10.32.0.100/12"));
    }
}
