package dev.weft.router.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.identity.PeerName;
import dev.weft.router.mesh.sim.SimRouter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Several real meshes joined over the simulated network, in virtual time. */
class MeshSimulationTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private static Set<String> states(MeshStatus status) {
        return status.connections().stream().map(MeshStatus.ConnectionStatus::state).collect(Collectors.toSet());
    }

    @Test
    void twoPeersConnectAndSeeEachOther() {
        SimMesh sim = new SimMesh(1).start(2);
        sim.get(1).connect(SimMesh.ip(0));
        assertTrue(sim.converge(MINUTE));
        MeshStatus s0 = sim.status(0);
        MeshStatus s1 = sim.status(1);
        assertEquals(2, s0.peers().size());
        assertEquals("r0", s0.peers().get(0).nickname(), "the local peer comes first");
        assertEquals(List.of("established"), s0.connections().stream().map(MeshStatus.ConnectionStatus::state).toList());
        assertFalse(s0.connections().get(0).outbound());
        assertTrue(s1.connections().get(0).outbound());
        assertEquals(SimMesh.ip(0) + ":6783", s1.connections().get(0).address());
        assertTrue(s1.connections().get(0).info().endsWith(SimMesh.name(0) + "(r0)"), s1.connections().get(0).info());
        assertEquals(List.of(SimMesh.ip(0)), s1.targets());
        assertFalse(s1.dataPlane(), "no overlay registered");
    }

    @Test
    void discoveryConnectsToPeersOfPeers() {
        SimMesh sim = new SimMesh(2).start(3);
        sim.get(1).connect(SimMesh.ip(0));
        sim.get(2).connect(SimMesh.ip(0));
        assertTrue(sim.converge(MINUTE));
        sim.clock.runFor(Duration.ofSeconds(10));
        for (int i = 0; i < 3; i++) {
            assertEquals(2, sim.status(i).connections().stream().filter(c -> c.state().equals("established")).count(),
                    "router " + i + " is connected to both others: " + sim.status(i).connections());
        }
    }

    @Test
    void withoutDiscoveryTrafficIsRelayedOverAChain() {
        SimMesh sim = new SimMesh(3);
        for (int i = 0; i < 5; i++) {
            sim.add(c -> c.withPolicy(1, 200, false, List.of()));
        }
        for (int i = 1; i < 5; i++) {
            sim.get(i).connect(SimMesh.ip(i - 1));
        }
        assertTrue(sim.converge(MINUTE));
        sim.clock.runFor(Duration.ofSeconds(5));
        assertEquals(1, sim.status(0).connections().size(), "no discovery: r0 talks to r1 only");
        MeshRoutes routes = sim.get(0).mesh.routes();
        assertEquals(Optional.of(SimMesh.name(1)), routes.unicastNextHop(SimMesh.name(4)));
        assertEquals(List.of(SimMesh.name(1)), routes.broadcastNextHops(SimMesh.name(0)));
        assertEquals(List.of(SimMesh.name(3)), sim.get(2).mesh.routes().broadcastNextHops(SimMesh.name(0)));

        // a broadcast, a neighbour-subset gossip and a unicast all cross the chain
        SimRouter first = sim.get(0);
        first.counter.channel().gossipBroadcast(first.counter.increment());
        sim.get(4).counter.channel().gossipNeighbourSubset(sim.get(4).counter.increment());
        first.counter.channel().gossipUnicast(SimMesh.name(4), new byte[] {42});
        assertTrue(sim.clock.runUntil(() -> sim.routers.stream().allMatch(r ->
                r.counter.get(SimMesh.name(0)) == 1 && r.counter.get(SimMesh.name(4)) == 1), MINUTE));
        sim.clock.runFor(Duration.ofSeconds(1));
        assertEquals(1, sim.get(4).counter.unicastsFrom(SimMesh.name(0)));
    }

    @Test
    void membershipHearsPeersComeAndGo() {
        SimMesh sim = new SimMesh(4).start(3);
        List<Set<PeerName>> heard = new java.util.ArrayList<>();
        sim.get(0).mesh.membership().onReachableChange(heard::add);
        sim.get(1).connect(SimMesh.ip(0));
        sim.get(2).connect(SimMesh.ip(1));
        assertTrue(sim.converge(MINUTE));
        assertEquals(Set.of(SimMesh.name(1), SimMesh.name(2)), heard.get(heard.size() - 1));
        assertEquals(Optional.of("r2"), sim.get(0).mesh.membership().nickname(SimMesh.name(2)));
        sim.get(2).mesh.close();
        assertTrue(sim.clock.runUntil(() -> sim.reachableFrom(0).equals(Set.of(SimMesh.name(1))), MINUTE));
        assertTrue(sim.clock.runUntil(() -> sim.status(0).peers().size() == 2, MINUTE),
                "the stopped peer leaves the topology");
        assertEquals(Set.of(SimMesh.name(1)), heard.get(heard.size() - 1));
    }

    @Test
    void firstContactWaitsForTheFirstEstablishedConnection() {
        SimMesh sim = new SimMesh(5).start(2);
        java.util.concurrent.CompletableFuture<Void> lone = sim.get(0).mesh.firstContact();
        sim.get(0).connect();
        sim.clock.runFor(Duration.ofMillis(1));
        assertTrue(lone.isDone(), "a router with no targets has nothing to wait for");

        java.util.concurrent.CompletableFuture<Void> joining = sim.get(1).mesh.firstContact();
        sim.get(1).connect(SimMesh.ip(0));
        assertTrue(sim.clock.runUntil(joining::isDone, MINUTE));
        assertEquals(Set.of("established"), states(sim.status(1)), "done once the connection is established");
    }

    @Test
    void firstContactEndsWhenEveryTargetFailedOnce() {
        SimMesh sim = new SimMesh(6).start(1);
        java.util.concurrent.CompletableFuture<Void> contact = sim.get(0).mesh.firstContact();
        sim.get(0).connect("10.0.9.9");
        assertTrue(sim.clock.runUntil(contact::isDone, MINUTE));
        assertTrue(sim.clock.elapsed().compareTo(java.time.Duration.ofSeconds(15)) < 0,
                "no wait for the retry: " + sim.clock.elapsed());
        assertTrue(sim.reachableFrom(0).isEmpty());
    }
}
