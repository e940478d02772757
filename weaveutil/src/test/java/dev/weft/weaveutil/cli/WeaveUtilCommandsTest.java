package dev.weft.weaveutil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.weaveutil.ns.NetNs;
import dev.weft.weaveutil.testsupport.Privileged;
import dev.weft.weaveutil.testsupport.ThrowawayNamespace;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The commands against real namespaces: a throwaway "host" and a throwaway "container". */
@Tag("privileged")
class WeaveUtilCommandsTest {
    private ThrowawayNamespace host;
    private ThrowawayNamespace container;
    private NetNs hostNs;

    @BeforeEach
    void setUp() {
        Privileged.assumeRootWithIproute2();
        host = ThrowawayNamespace.create();
        container = ThrowawayNamespace.create();
        hostNs = host.open();
    }

    @AfterEach
    void tearDown() {
        if (hostNs != null) {
            hostNs.close();
        }
        if (host != null) {
            host.close();
            container.close();
        }
    }

    @Test
    void createBridgeThenBridgeIpAndDetectBridgeType() throws Exception {
        assertEquals(new CliRun(0, "none\n", ""), CliRun.in(hostNs, "detect-bridge-type", "weave", "datapath"));
        assertEquals(new CliRun(0, "", ""), CliRun.in(hostNs, "create-bridge", "--mtu=1376", "weave"));
        assertEquals(1376, host.link("weave").orElseThrow().path("mtu").asInt());
        assertEquals(new CliRun(0, "bridge\n", ""), CliRun.in(hostNs, "detect-bridge-type", "weave"));
        assertEquals(new CliRun(1, "", "bridge weave has no IPv4 address\n"), CliRun.in(hostNs, "bridge-ip", "weave"));
        host.ip("addr", "add", "10.32.0.1/12", "dev", "weave");
        assertEquals(new CliRun(0, "10.32.0.1\n", ""), CliRun.in(hostNs, "bridge-ip", "weave"));
        assertEquals(new CliRun(1, "", "get link nosuch: ENODEV (no such device)\n"),
                CliRun.in(hostNs, "bridge-ip", "nosuch"));
    }

    @Test
    void netcheckReportsAnOverlapUnlessTheInterfaceIsIgnored() throws Exception {
        CliRun.in(hostNs, "create-bridge", "weave");
        host.ip("link", "set", "weave", "up");
        host.ip("addr", "add", "10.0.0.1/8", "dev", "weave");
        assertEquals(new CliRun(1, "", "network 10.32.0.0/12 overlaps with existing route 10.0.0.0/8 on host\n"),
                CliRun.in(hostNs, "netcheck", "10.32.0.0/12"));
        assertEquals(0, CliRun.in(hostNs, "netcheck", "10.32.0.0/12", "weave").status());
        assertEquals(0, CliRun.in(hostNs, "netcheck", "192.168.50.0/24").status());
        assertEquals("network 10.1.2.3/32 overlaps with existing route 10.0.0.0/8 on host\n",
                CliRun.in(hostNs, "netcheck", "10.1.2.3/24").err());
    }

    @Test
    void attachListAndDetachByPidAndByNetnsName() throws Exception {
        CliRun.in(hostNs, "create-bridge", "--mtu=1376", "weave");
        int pid = container.startProcess();
        assertEquals(new CliRun(0, "", ""), CliRun.in(hostNs, "attach-container", "--no-multicast-route",
                Integer.toString(pid), "weave", "10.32.0.7/12"));
        assertEquals(List.of("10.32.0.7/12"), container.ipv4("ethwe"));
        assertEquals("", container.ip("route", "show", "224.0.0.0/4").trim());
        JsonNode ethwe = container.link("ethwe").orElseThrow();

        CliRun addrs = CliRun.in(hostNs, "container-addrs", "weave", Integer.toString(pid), "weave:expose");
        String bridgeMac = host.link("weave").orElseThrow().path("address").asText();
        assertEquals(new CliRun(0, pid + " ethwe " + ethwe.path("address").asText() + " 10.32.0.7/12\n"
                + "weave:expose weave " + bridgeMac + "\n", ""), addrs);

        // The same container through its netns name: a second address, no second interface.
        assertEquals(new CliRun(0, "", ""),
                CliRun.in(hostNs, "attach-container", container.name(), "weave", "10.32.0.8/12"));
        assertEquals(List.of("10.32.0.7/12", "10.32.0.8/12"), container.ipv4("ethwe"));

        assertEquals(new CliRun(0, "", ""),
                CliRun.in(hostNs, "detach-container", container.name(), "10.32.0.7/12", "10.32.0.8/12"));
        assertTrue(container.link("ethwe").isEmpty());
        assertEquals(new CliRun(0, "", ""), CliRun.in(hostNs, "container-addrs", "weave", Integer.toString(pid)));
    }

    @Test
    void processAddrsFindsAttachedNamespacesByTheirProcesses() throws Exception {
        CliRun.in(hostNs, "create-bridge", "weave");
        int pid = container.startProcess();
        CliRun.in(hostNs, "attach-container", Integer.toString(pid), "weave", "10.32.0.9/12");
        String mac = container.link("ethwe").orElseThrow().path("address").asText();
        CliRun run = CliRun.in(hostNs, "process-addrs", "weave");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().lines().anyMatch(l -> l.endsWith(" ethwe " + mac + " 10.32.0.9/12")), run.out());
        assertEquals(1, run.out().lines().filter(l -> l.contains(mac)).count(), run.out());
    }

    @Test
    void badTargetsGiveClearErrorsAndLeaveNoVeth() throws Exception {
        int pid = container.startProcess();
        assertEquals(new CliRun(1, "", "bridge nobridge not found\n"),
                CliRun.in(hostNs, "attach-container", Integer.toString(pid), "nobridge", "10.32.0.7/12"));
        assertEquals(new CliRun(1, "", "container weaveutil-t-missing died (no network namespace at "
                        + "/run/netns/weaveutil-t-missing)\n"),
                CliRun.in(hostNs, "attach-container", "weaveutil-t-missing", "weave", "10.32.0.7/12"));
        assertTrue(container.link("ethwe").isEmpty());
        assertEquals(1, host.ipJson("link", "show").size(), "only lo should exist on the host side");
        assertEquals(new CliRun(0, "", ""), CliRun.in(hostNs, "detach-container", "weaveutil-t-missing", "10.32.0.7/12"));
    }
}
