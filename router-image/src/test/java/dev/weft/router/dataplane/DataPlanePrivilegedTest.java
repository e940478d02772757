package dev.weft.router.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.dataplane.lab.DataPlaneLab;
import dev.weft.router.identity.PeerName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The data plane on real kernel devices between throwaway namespaces: pings and TCP transfers
 * across the fast path and the sleeve, the move between them, relaying, and MTU handling.
 */
@Tag("privileged")
class DataPlanePrivilegedTest {
    private LabNetwork network;
    private DataPlaneLab lab;

    @AfterEach
    void tearDown() throws Exception {
        if (lab != null) {
            lab.close();
        }
        if (network != null) {
            network.close();
        }
    }

    private void start(int hosts, boolean fastPath, List<PeerName[]> cuts) throws Exception {
        network = LabNetwork.create(hosts);
        List<DataPlaneLab.Host> list = new ArrayList<>();
        for (int i = 1; i <= hosts; i++) {
            list.add(network.labHost(i));
        }
        lab = new DataPlaneLab(list, cuts, LabNetwork.MTU, 6783, fastPath);
    }

    private Map<String, String> attrs(int from, int to) {
        return lab.plane(LabNetwork.peer(from)).connections().stream()
                .filter(c -> c.params().remotePeer().equals(LabNetwork.peer(to))).findFirst().orElseThrow().attrs();
    }

    private boolean await(int from, int to, Predicate<Map<String, String>> condition, long millis)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            if (condition.test(attrs(from, to))) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static Predicate<Map<String, String>> overlay(String name) {
        return a -> name.equals(a.get("name"));
    }

    @Test
    void theFastPathCarriesPingsAndTransfersWithoutTheSleeve() throws Exception {
        start(2, true, List.of());
        assertTrue(await(1, 2, overlay("fastdp"), 10_000), "fast path up: " + attrs(1, 2));
        assertTrue(await(2, 1, overlay("fastdp"), 10_000));
        assertTrue(network.ping(1, 2));
        long sleeveBefore = lab.plane(LabNetwork.peer(2)).sleeve().stats().framesDelivered();
        assertTrue(network.transfer(1, 2, 20 << 20), "20 MiB arrive intact");
        String fdb = LabNetwork.exec(network.host(1), "bridge", "fdb", "show", "dev", "vethwe-vxlan");
        assertTrue(fdb.contains("00:00:00:00:00:00 dst " + LabNetwork.hostIp(2)), fdb);
        long throughSleeve = lab.plane(LabNetwork.peer(2)).sleeve().stats().framesDelivered() - sleeveBefore;
        assertTrue(throughSleeve < 5, "the transfer did not go through the sleeve: " + throughSleeve + " frames");
    }

    @Test
    void blockingTheFastPathPortMovesToTheSleeveAndUnblockingBack() throws Exception {
        start(2, true, List.of());
        assertTrue(await(1, 2, overlay("fastdp"), 10_000));
        LabNetwork.exec(network.host(2), "iptables", "-I", "INPUT", "-p", "udp", "--dport", "6784", "-j", "DROP");
        try {
            assertTrue(await(1, 2, overlay("sleeve"), 10_000), "fell back: " + attrs(1, 2));
            String reason = attrs(1, 2).get("reason");
            assertTrue(reason.startsWith("no fast-path heartbeat on UDP 6784 from " + LabNetwork.hostIp(2)), reason);
            assertTrue(network.ping(1, 2));
            assertTrue(network.transfer(2, 1, 5 << 20));
            assertTrue(lab.plane(LabNetwork.peer(2)).sleeve().stats().framesDelivered() > 0);
        } finally {
            LabNetwork.exec(network.host(2), "iptables", "-D", "INPUT", "-p", "udp", "--dport", "6784", "-j", "DROP");
        }
        assertTrue(await(1, 2, overlay("fastdp"), 10_000), "came back: " + attrs(1, 2));
        assertTrue(network.ping(1, 2));
    }

    @Test
    void theSleeveCarriesPingsAndTransfersOnItsOwn() throws Exception {
        start(2, false, List.of());
        assertEquals("fast path disabled here (--no-fastdp)", attrs(1, 2).get("reason"));
        assertTrue(network.ping(1, 2));
        assertTrue(network.transfer(1, 2, 20 << 20));
        assertTrue(network.transfer(2, 1, 20 << 20));
    }

    @Test
    void aSmallerUnderlayIsFoundAndFullFramesStillCross() throws Exception {
        network = LabNetwork.create(2);
        network.underlayMtu(1, 1200);
        network.underlayMtu(2, 1200);
        lab = new DataPlaneLab(List.of(network.labHost(1), network.labHost(2)), List.of(), LabNetwork.MTU, 6783, true);
        assertTrue(await(1, 2, a -> a.getOrDefault("reason", "").startsWith("path MTU 1200 < 1426 needed"), 15_000),
                "reason: " + attrs(1, 2));
        assertEquals("sleeve", attrs(1, 2).get("name"));
        assertEquals(Integer.toString(1200 - 28 - 16 - 14 - 14), attrs(1, 2).get("mtu"));
        assertTrue(network.ping(1, 2));
        assertTrue(network.ping(1, 2, "-s", "1348", "-M", "dont"), "a full-size packet without DF is fragmented");
        assertFalse(network.ping(1, 2, "-s", "1348", "-M", "do"), "one with DF is refused...");
        String answer = lab.plane(LabNetwork.peer(1)).sleeve().stats().toString();
        assertTrue(lab.plane(LabNetwork.peer(1)).sleeve().stats().tooBigAnswered() > 0, "...with ICMP: " + answer);
        assertTrue(network.transfer(1, 2, 10 << 20), "TCP adapts its segments to the path and arrives intact");
    }

    @Test
    void withoutADirectLinkTrafficIsRelayedByTheMiddleHost() throws Exception {
        List<PeerName[]> cuts = new ArrayList<>();
        cuts.add(new PeerName[] {LabNetwork.peer(1), LabNetwork.peer(3)});
        start(3, true, cuts);
        LabNetwork.exec(network.host(1), "iptables", "-I", "INPUT", "-s", LabNetwork.hostIp(3), "-j", "DROP");
        LabNetwork.exec(network.host(3), "iptables", "-I", "INPUT", "-s", LabNetwork.hostIp(1), "-j", "DROP");
        assertTrue(await(1, 2, overlay("fastdp"), 10_000));
        assertTrue(await(3, 2, overlay("fastdp"), 10_000));
        assertTrue(network.ping(1, 3), "host1's container reaches host3's through host2");
        assertTrue(network.transfer(1, 3, 10 << 20));
        assertTrue(lab.plane(LabNetwork.peer(2)).sleeve().stats().framesRelayed() > 0);
    }
}
