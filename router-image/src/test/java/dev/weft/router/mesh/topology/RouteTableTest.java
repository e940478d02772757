package dev.weft.router.mesh.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.identity.PeerName;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    static PeerName p(int i) {
        return new PeerName(i);
    }

    /** A topology from directed connection lists: every listed connection established unless named in {@code pending}. */
    static final class Graph {
        final Map<PeerName, List<ConnectionSummary>> conns = new HashMap<>();

        Graph link(int a, int b) {
            return half(a, b, true).half(b, a, true);
        }

        Graph half(int from, int to, boolean established) {
            conns.computeIfAbsent(p(from), k -> new ArrayList<>())
                    .add(new ConnectionSummary(p(to), "10.0.0." + to + ":6783", from < to, established));
            conns.computeIfAbsent(p(to), k -> new ArrayList<>());
            return this;
        }

        List<PeerEntry> entries() {
            List<PeerEntry> entries = new ArrayList<>();
            conns.forEach((name, list) -> entries.add(new PeerEntry(name, "n", name.value(), 1, (int) name.value(), list)));
            return entries;
        }

        RouteTable at(int self) {
            return RouteTable.compute(p(self), entries());
        }
    }

    @Test
    void unicastFollowsShortestPathsAndTiesGoToTheLowerName() {
        // 1 - 2 - 4 and 1 - 3 - 4: both paths to 4 are two hops; 2 sorts first
        Graph g = new Graph().link(1, 2).link(1, 3).link(2, 4).link(3, 4).link(4, 5);
        RouteTable r = g.at(1);
        assertEquals(Optional.of(p(2)), r.unicast(p(2)));
        assertEquals(Optional.of(p(2)), r.unicast(p(4)));
        assertEquals(Optional.of(p(2)), r.unicast(p(5)));
        assertEquals(Set.of(p(2), p(3), p(4), p(5)), r.reachable());
        assertEquals(Optional.of(p(4)), g.at(5).unicast(p(1)));
    }

    @Test
    void onlyEstablishedConnectionsBothEndsReportCarryUnicast() {
        Graph g = new Graph().link(1, 2).half(2, 3, true).half(3, 2, false).half(1, 4, true);
        RouteTable r = g.at(1);
        assertEquals(Set.of(p(2)), r.reachable(), "2-3 is pending at 3's end; 4 does not list 1");
        assertEquals(Optional.of(p(2)), r.unicastAll(p(3)), "gossip may take any reported connection");
        assertEquals(Optional.of(p(4)), r.unicastAll(p(4)));
        assertEquals(Set.of(p(2), p(3), p(4)), r.reachableAll());
    }

    @Test
    void aPeerCutOffFromEveryConnectionIsNotReachableAtAll() {
        Graph g = new Graph().link(1, 2).link(3, 4);
        assertEquals(Set.of(p(2)), g.at(1).reachableAll());
    }

    @Test
    void broadcastsReachEveryPeerExactlyOnceOnRandomMeshes() {
        Random random = new Random(42);
        for (int round = 0; round < 30; round++) {
            int n = 5 + random.nextInt(40);
            Graph g = new Graph();
            for (int i = 2; i <= n; i++) {
                g.link(i, 1 + random.nextInt(i - 1)); // connected
            }
            for (int extra = 0; extra < n; extra++) {
                int a = 1 + random.nextInt(n);
                int b = 1 + random.nextInt(n);
                if (a != b) {
                    g.link(a, b);
                }
            }
            Map<Integer, RouteTable> tables = new HashMap<>();
            for (int i = 1; i <= n; i++) {
                tables.put(i, g.at(i));
            }
            for (int source = 1; source <= n; source++) {
                Map<Integer, Integer> received = new HashMap<>();
                Deque<Integer> queue = new ArrayDeque<>(List.of(source));
                received.put(source, 1);
                while (!queue.isEmpty()) {
                    int at = queue.poll();
                    for (PeerName hop : tables.get(at).broadcast(p(source))) {
                        int next = (int) hop.value();
                        if (received.merge(next, 1, Integer::sum) == 1) {
                            queue.add(next);
                        }
                    }
                }
                assertEquals(n, received.size(), "broadcast from " + source + " reaches everyone");
                received.forEach((peer, times) -> assertEquals(1, times, "peer " + peer + " got it " + times + " times"));
            }
        }
    }

    @Test
    void aBroadcastFromThisPeerGoesToEveryEstablishedNeighbour() {
        Graph g = new Graph().link(1, 2).link(1, 3).link(2, 3).half(1, 4, true);
        assertEquals(List.of(p(2), p(3)), g.at(1).broadcast(p(1)));
        assertEquals(List.of(p(2), p(3), p(4)), g.at(1).broadcastAll(p(1)));
        assertEquals(List.of(), g.at(2).broadcast(p(1)), "3 hears it from 1 directly");
        assertEquals(List.of(), g.at(1).broadcast(p(99)), "unknown source");
    }

    @Test
    void gossipGoesToALogSizedWeightedSubsetAndNeverBack() {
        // a star of 40 leaves around 1, plus one leaf (2) that leads to a chain of 60 more peers
        Graph g = new Graph();
        for (int leaf = 2; leaf <= 41; leaf++) {
            g.link(1, leaf);
        }
        for (int chain = 100; chain < 160; chain++) {
            g.link(chain == 100 ? 2 : chain - 1, chain);
        }
        RouteTable r = g.at(1);
        int expected = (int) Math.ceil(2 * Math.log(r.reachableAll().size() + 1) / Math.log(2));
        Random random = new Random(7);
        int chose2 = 0;
        for (int i = 0; i < 200; i++) {
            List<PeerName> targets = r.gossipTargets(p(3), random, r.unicastRoutes().keySet().stream()
                    .filter(x -> x.value() < 100).toList());
            assertEquals(expected, targets.size());
            assertEquals(targets.size(), new HashSet<>(targets).size());
            assertTrue(!targets.contains(p(3)));
            if (targets.contains(p(2))) {
                chose2++;
            }
        }
        assertTrue(chose2 > 190, "the bottleneck neighbour was chosen " + chose2 + "/200 times");
        assertEquals(List.of(p(2)), new Graph().link(1, 2).link(1, 3).at(1).gossipTargets(p(3), random, List.of(p(2), p(3))));
        assertEquals(List.of(p(2), p(7)), new Graph().link(1, 2).at(1).gossipTargets(p(3), random, List.of(p(2), p(7))),
                "a connection newer than the routes is gossiped to as well");
    }
}
