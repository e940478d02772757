package dev.weft.router.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.api.StatusSection.StatusLine;
import dev.weft.router.identity.PeerIdentity;
import dev.weft.router.identity.PeerName;
import java.util.List;
import java.util.Map;
import dev.weft.router.mesh.MeshStatus;
import org.junit.jupiter.api.Test;

class StatusBoardTest {

    static final FakeSection IPAM = new FakeSection("ipam", List.of(
            new StatusLine("Status", "ready"),
            new StatusLine("Range", "10.32.0.0/12"),
            new StatusLine("DefaultSubnet", "10.32.0.0/12")), "8a:3e:3e:3e:3e:3e(host1)  1048576 IPs\n", "IPAM",
            Map.of("Range", "10.32.0.0/12", "RangeNumIPs", 1048576, "ActiveIPs", 3));
    static final FakeSection DNS = new FakeSection("dns", List.of(
            new StatusLine("Domain", "weave.local."),
            new StatusLine("Upstream", "8.8.8.8, 8.8.4.4"),
            new StatusLine("TTL", "1"),
            new StatusLine("Entries", "3")), "a    10.32.0.1   abcdef 8a:3e:3e:3e:3e:3e\n", "DNS",
            Map.of("Domain", "weave.local."));

    static RouterState routerState(List<String> trusted) {
        return new RouterState(new PeerIdentity(PeerName.parse("8a:3e:3e:3e:3e:3e"), "host1"), 6783, false, true,
                trusted, "weave", 1);
    }

    static RouterStatusSection section(RouterState state, RouterMesh mesh) {
        return new RouterStatusSection(state, mesh);
    }

    static RouterStatusSection alone() {
        FakeRouterMesh mesh = new FakeRouterMesh();
        mesh.running = false;
        return new RouterStatusSection(routerState(List.of()), mesh);
    }

    @Test
    void fullStatusHasTheOriginalLayoutInServiceOrder() {
        StatusBoard board = new StatusBoard("0.1.0", new Readiness(), alone());
        board.add(DNS);
        board.add(IPAM);
        assertEquals("""
                        Version: 0.1.0 (version check update disabled)

                        Service: router
                       Protocol: weave 1..2
                           Name: 8a:3e:3e:3e:3e:3e(host1)
                     Encryption: disabled
                  PeerDiscovery: enabled
                        Targets: 0
                    Connections: 0
                          Peers: 1
                 TrustedSubnets: none

                        Service: ipam
                         Status: ready
                          Range: 10.32.0.0/12
                  DefaultSubnet: 10.32.0.0/12

                        Service: dns
                         Domain: weave.local.
                       Upstream: 8.8.8.8, 8.8.4.4
                            TTL: 1
                        Entries: 3
                """, board.statusText());
    }

    @Test
    void routerWithPeersConnectionsAndTrustedSubnets() {
        RouterState state = new RouterState(new PeerIdentity(PeerName.parse("::1"), "h"), 6783, true, false,
                List.of("10.0.0.0/8", "192.168.0.0/16"), "weave", 2);
        FakeRouterMesh mesh = new FakeRouterMesh();
        mesh.connect(List.of("10.0.0.2", "host3:6783"), false);
        mesh.peers.add(new MeshStatus.PeerStatus("00:00:00:00:00:01", "h", "7", 1, 4, List.of(
                new MeshStatus.PeerConnection("00:00:00:00:00:02", "h2", "10.0.0.2:6783", true, true))));
        mesh.peers.add(new MeshStatus.PeerStatus("00:00:00:00:00:02", "h2", "9", 2, 3, List.of(
                new MeshStatus.PeerConnection("00:00:00:00:00:01", "h", "10.0.0.1:41000", false, true),
                new MeshStatus.PeerConnection("00:00:00:00:00:03", "h3", "10.0.0.3:6783", true, false))));
        mesh.connections.add(new MeshStatus.ConnectionStatus("10.0.0.2:6783", true, "established",
                "fastdp 00:00:00:00:00:02(h2)", java.util.Map.of("name", "fastdp", "mtu", "1376")));
        mesh.connections.add(new MeshStatus.ConnectionStatus("host3:6783", true, "failed",
                "connection refused: nothing listens on host3:6783 (is weave running there?), retry: 2024-01-01 00:00:05"
                        + " UTC (in 5s)", java.util.Map.of()));
        StatusBoard board = new StatusBoard("0.1.0", new Readiness(), new RouterStatusSection(state, mesh));
        assertEquals("""
                        Version: 0.1.0 (version check update disabled)

                        Service: router
                       Protocol: weave 2
                           Name: 00:00:00:00:00:01(h)
                     Encryption: enabled
                  PeerDiscovery: disabled
                        Targets: 2
                    Connections: 2 (1 established, 1 failed)
                          Peers: 2 (with 2 established, 1 pending connections)
                 TrustedSubnets: 10.0.0.0/8, 192.168.0.0/16
                """, board.statusText());
        assertEquals("10.0.0.2\nhost3:6783\n", board.router().targetsText());
        assertEquals("""
                00:00:00:00:00:01(h)
                   -> 10.0.0.2:6783         00:00:00:00:00:02(h2)                 established
                00:00:00:00:00:02(h2)
                   <- 10.0.0.1:41000        00:00:00:00:00:01(h)                  established
                   -> 10.0.0.3:6783         00:00:00:00:00:03(h3)                 pending
                """, board.router().peersText());
        assertEquals("-> 10.0.0.2:6783         established fastdp 00:00:00:00:00:02(h2) mtu=1376\n"
                + "-> host3:6783            failed      connection refused: nothing listens on host3:6783 (is weave running"
                + " there?), retry: 2024-01-01 00:00:05 UTC (in 5s)\n", board.router().connectionsText());
        assertEquals(3, board.report().path("Router").path("TerminationCount").asInt());
        assertEquals("failed", board.report().path("Router").path("Connections").get(1).path("State").asText());
        assertEquals(9, board.report().path("Router").path("Peers").get(1).path("UID").asLong());
    }

    @Test
    void withoutAnOverlayTheStatusSaysThereIsNoDataPlane() {
        FakeRouterMesh mesh = new FakeRouterMesh();
        mesh.dataPlane = false;
        String text = StatusLayout.section(new RouterStatusSection(routerState(List.of()), mesh));
        assertTrue(text.endsWith("      DataPlane: none yet: peers connect, but containers on different hosts"
                + " cannot reach each other\n"), text);
    }

    @Test
    void pluginAndProxyComeLastInTheirOrder() {
        StatusBoard board = new StatusBoard("0.1.0", new Readiness(), alone());
        board.add(new FakeSection("plugin (legacy)", List.of(new StatusLine("DriverName", "weave")), null, "Plugin",
                Map.of()));
        board.add(new FakeSection("proxy", List.of(new StatusLine("Address", "unix:///var/run/weave/weave.sock")),
                null, "Proxy", Map.of()));
        board.add(IPAM);
        List<String> order = board.sections().stream().map(s -> s.service()).toList();
        assertEquals(List.of("router", "ipam", "proxy", "plugin (legacy)"), order);
        String text = board.statusText();
        assertEquals(true, text.endsWith("""

                        Service: proxy
                        Address: unix:///var/run/weave/weave.sock

                        Service: plugin (legacy)
                     DriverName: weave
                """), text);
    }

    @Test
    void reportHasTheTopLevelFieldsInOrder() {
        StatusBoard board = new StatusBoard("0.1.0", new Readiness(), alone());
        board.add(IPAM);
        List<String> fields = new java.util.ArrayList<>();
        board.report().fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("Ready", "Version", "VersionCheck", "Router", "IPAM"), fields);
        assertEquals("8a:3e:3e:3e:3e:3e", board.report().path("Router").path("Name").asText());
        assertEquals("host1", board.report().path("Router").path("NickName").asText());
        assertEquals(false, board.report().path("Ready").asBoolean(true));
        board.readiness().ready();
        assertEquals(true, board.report().path("Ready").asBoolean(false));
    }

    @Test
    void peerTargetsAreCheckedLikeTheOriginal() {
        FakeRouterMesh mesh = new FakeRouterMesh();
        List<String> problems = mesh.connect(List.of("10.0.0.2:6783", ":6783", "host:", "a b", "h:p@rt", "[::1]:6783"),
                false);
        assertEquals(List.of("invalid peer name \":6783\", should be host[:port]",
                "invalid peer name \"host:\", should be host[:port]",
                "invalid peer name \"a b\", should be host[:port]",
                "invalid peer name \"h:p@rt\", should be host[:port]"), problems);
        assertEquals(List.of("10.0.0.2:6783", "[::1]:6783"), mesh.targets());
    }
}
