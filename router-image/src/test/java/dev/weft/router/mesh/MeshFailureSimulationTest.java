package dev.weft.router.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.identity.PeerName;
import dev.weft.router.mesh.sim.SimRouter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Failures in the simulated network and how the mesh reports them and recovers. */
class MeshFailureSimulationTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private static Optional<MeshStatus.ConnectionStatus> connectionTo(MeshStatus status, String address) {
        return status.connections().stream().filter(c -> c.address().equals(address)).findFirst();
    }

    @Test
    void connectingToOurselfFailsAndIsNeverRetried() {
        SimMesh sim = new SimMesh(11).start(1);
        sim.get(0).connect(SimMesh.ip(0));
        sim.clock.runFor(Duration.ofSeconds(30));
        MeshStatus.ConnectionStatus row = connectionTo(sim.status(0), SimMesh.ip(0) + ":6783").orElseThrow();
        assertEquals("failed", row.state());
        assertEquals("cannot connect to ourself, retry: never", row.info());
    }

    @Test
    void twoPeersWithOneNameNeverConnectAndSayWhy() {
        SimMesh sim = new SimMesh(12);
        PeerName shared = SimMesh.name(0);
        sim.add(0, MeshConfig.defaults(shared, "clone1"), new Random(1));
        sim.add(1, MeshConfig.defaults(shared, "clone2"), new Random(2));
        sim.get(1).connect(SimMesh.ip(0));
        sim.clock.runFor(Duration.ofMinutes(5));
        MeshStatus.ConnectionStatus row = connectionTo(sim.status(1), SimMesh.ip(0) + ":6783").orElseThrow();
        assertEquals("failed", row.state());
        assertTrue(row.info().startsWith("local \"" + shared + "(clone2)\" and remote \"" + shared
                + "(clone1)\" peer names collision"), row.info());
        assertTrue(row.info().endsWith(", retry: never"), row.info());
    }

    @Test
    void aDialToANonListeningHostSaysRefusedAndWhenItRetries() {
        SimMesh sim = new SimMesh(13).start(1);
        sim.get(0).connect("10.9.9.9");
        sim.clock.runFor(Duration.ofMillis(100));
        MeshStatus.ConnectionStatus row = connectionTo(sim.status(0), "10.9.9.9:6783").orElseThrow();
        assertEquals("failed", row.state());
        assertTrue(row.info().matches("connection refused: nothing listens on 10\\.9\\.9\\.9:6783 \\(is weave running there\\?\\),"
                + " retry: 2024-01-01 00:00:0\\d UTC \\(in \\ds\\)"), row.info());
    }

    @Test
    void retriesBackOffExponentiallyWithJitterUpToSixMinutes() {
        SimMesh sim = new SimMesh(14).start(1);
        sim.get(0).connect("10.9.9.9");
        sim.clock.runFor(Duration.ofMinutes(30));
        // 2 s growing by 1.5x reaches the 6-minute cap after ~12 attempts (~9 min); then one per 3-9 min
        long dials = sim.network.dialsTo("10.9.9.9");
        assertTrue(dials >= 13 && dials <= 20, dials + " attempts in 30 minutes");
        sim.clock.runFor(Duration.ofMinutes(60));
        long later = sim.network.dialsTo("10.9.9.9") - dials;
        assertTrue(later >= 6 && later <= 20, later + " attempts in the next hour, at most every 9 minutes");
    }

    @Test
    void aPartitionDropsPeersAndHealingBringsThemBack() {
        SimMesh sim = new SimMesh(15).start(3);
        sim.get(1).connect(SimMesh.ip(0));
        sim.get(2).connect(SimMesh.ip(0));
        assertTrue(sim.converge(MINUTE));
        sim.clock.runFor(Duration.ofSeconds(10));
        sim.network.cut(SimMesh.ip(0), SimMesh.ip(2));
        sim.network.cut(SimMesh.ip(1), SimMesh.ip(2));
        assertTrue(sim.clock.runUntil(() -> sim.reachableFrom(2).isEmpty() && sim.reachableFrom(0).size() == 1,
                Duration.ofMinutes(3)), "heartbeats stop across the cut and the connections end");
        MeshStatus.ConnectionStatus row = connectionTo(sim.status(2), SimMesh.ip(0) + ":6783").orElseThrow();
        assertTrue(Set.of("failed", "retrying", "connecting").contains(row.state()), row.toString());
        sim.network.healAll();
        assertTrue(sim.converge(Duration.ofMinutes(10)), "retries reconnect after the heal");
    }

    @Test
    void theConnectionLimitRefusesAndTheDiallerSeesTheRemotesReason() {
        SimMesh sim = new SimMesh(16);
        sim.add(c -> c.withPolicy(1, 1, false, List.of()));
        sim.add(c -> c.withPolicy(1, 200, false, List.of()));
        sim.add(c -> c.withPolicy(1, 200, false, List.of()));
        sim.get(1).connect(SimMesh.ip(0));
        assertTrue(sim.clock.runUntil(() -> sim.reachableFrom(0).size() == 1, MINUTE));
        sim.get(2).connect(SimMesh.ip(0));
        sim.clock.runFor(Duration.ofSeconds(1));
        MeshStatus.ConnectionStatus row = connectionTo(sim.status(2), SimMesh.ip(0) + ":6783").orElseThrow();
        assertEquals("failed", row.state());
        assertTrue(row.info().startsWith(SimMesh.name(0) + "(r0) ended the connection: Connection limit reached (1), retry: "),
                row.info());
        assertEquals(1, sim.status(0).connections().size());
    }

    @Test
    void simultaneousDialsLeaveExactlyOneConnection() {
        SimMesh sim = new SimMesh(17).start(2);
        sim.get(0).connect(SimMesh.ip(1));
        sim.get(1).connect(SimMesh.ip(0));
        assertTrue(sim.converge(MINUTE));
        sim.clock.runFor(Duration.ofMinutes(10));
        for (int i = 0; i < 2; i++) {
            List<MeshStatus.ConnectionStatus> rows = sim.status(i).connections();
            assertEquals(1, rows.size(), "router " + i + ": " + rows);
            assertEquals("established", rows.get(0).state());
        }
    }

    @Test
    void aPortlessTargetIsNotDialledWhileThatHostIsConnectedInbound() {
        SimMesh sim = new SimMesh(18);
        sim.add(c -> c.withPolicy(1, 200, false, List.of()));
        sim.add(c -> c.withPolicy(1, 200, false, List.of()));
        sim.get(1).connect(SimMesh.ip(0));
        assertTrue(sim.converge(MINUTE));
        sim.get(0).connect(SimMesh.ip(1));
        sim.clock.runFor(Duration.ofSeconds(30));
        assertEquals(1, sim.status(0).connections().size(), sim.status(0).connections().toString());
        assertFalse(sim.status(0).connections().get(0).outbound());
    }

    @Test
    void shortIdCollisionsAreSettledByGossip() {
        SimMesh sim = new SimMesh(19);
        for (int i = 0; i < 4; i++) {
            sim.add(i, MeshConfig.defaults(SimMesh.name(i), "r" + i), new SameShortIdRandom(100 + i));
        }
        for (int i = 1; i < 4; i++) {
            sim.get(i).connect(SimMesh.ip(0));
        }
        assertTrue(sim.converge(MINUTE));
        sim.clock.runFor(Duration.ofSeconds(30));
        MeshStatus status = sim.status(3);
        Set<Integer> ids = new java.util.HashSet<>();
        status.peers().forEach(p -> ids.add(p.shortId()));
        assertEquals(4, ids.size(), "distinct short IDs: " + status.peers());
        assertTrue(ids.contains(7), "the lowest name keeps the contested ID");
        assertEquals(7, status.peers().stream().filter(p -> p.name().equals(SimMesh.name(0).toString()))
                .findFirst().orElseThrow().shortId());
    }

    /** Every router draws short ID 7 first. */
    static final class SameShortIdRandom extends Random {
        private boolean first = true;

        SameShortIdRandom(long seed) {
            super(seed);
        }

        @Override
        public int nextInt(int bound) {
            if (first && bound == 4096) {
                first = false;
                return 7;
            }
            return super.nextInt(bound);
        }
    }

    @Test
    void aRestartedPeerSupersedesItsEarlierRun() {
        SimMesh sim = new SimMesh(20).start(3);
        sim.get(1).connect(SimMesh.ip(0));
        sim.get(2).connect(SimMesh.ip(0));
        assertTrue(sim.converge(MINUTE));
        // r2 churns its connections so its entry's version is well above 0
        for (int i = 0; i < 3; i++) {
            sim.network.cut(SimMesh.ip(2), SimMesh.ip(0));
            sim.network.cut(SimMesh.ip(2), SimMesh.ip(1));
            sim.clock.runFor(Duration.ofMinutes(2));
            sim.network.healAll();
            assertTrue(sim.converge(Duration.ofMinutes(10)));
        }
        long oldVersion = sim.status(0).peers().stream().filter(p -> p.nickname().equals("r2")).findFirst()
                .orElseThrow().version();
        assertTrue(oldVersion > 3, "version " + oldVersion);
        // r0 does not hear r2 stop (the link is cut) and keeps its entry of the earlier run
        sim.network.cut(SimMesh.ip(0), SimMesh.ip(2));
        SimRouter old = sim.get(2);
        old.mesh.close();
        sim.clock.runFor(Duration.ofMillis(100));
        sim.routers.remove(2);
        SimRouter restarted = sim.add(2, MeshConfig.defaults(SimMesh.name(2), "r2"), new Random(99));
        restarted.connect(SimMesh.ip(1));
        sim.network.healAll();
        assertTrue(sim.converge(Duration.ofMinutes(3)));
        sim.clock.runFor(Duration.ofSeconds(5));
        String newUid = sim.status(2).peers().get(0).uid();
        for (int i = 0; i < 3; i++) {
            MeshStatus.PeerStatus seen = sim.status(i).peers().stream().filter(p -> p.nickname().equals("r2"))
                    .findFirst().orElseThrow();
            assertEquals(newUid, seen.uid(), "router " + i);
            assertTrue(seen.version() > oldVersion);
        }
    }

    @Test
    void somethingSilentOnTheMeshPortTimesOutTheHandshake() {
        SimMesh sim = new SimMesh(21).start(1);
        try {
            sim.network.transport("10.7.7.7").listen("", 6783, wire -> { });
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        sim.get(0).connect("10.7.7.7");
        sim.clock.runFor(Duration.ofSeconds(11));
        MeshStatus.ConnectionStatus row = connectionTo(sim.status(0), "10.7.7.7:6783").orElseThrow();
        assertEquals("failed", row.state());
        assertTrue(row.info().startsWith("no handshake from the remote end within 10s (is that a weave router on this port?)"),
                row.info());
    }

    @Test
    void gossipConvergesDespiteDroppedDuplicatedAndReorderedMessages() {
        SimMesh sim = new SimMesh(22);
        sim.network.faults(0.2, 0.1, 0.2).latency(Duration.ofMillis(2), Duration.ofMillis(3));
        for (int i = 0; i < 12; i++) {
            sim.add(c -> c);
        }
        Random random = new Random(5);
        for (int i = 1; i < 12; i++) {
            sim.get(i).connect(SimMesh.ip(random.nextInt(i)));
        }
        assertTrue(sim.converge(Duration.ofMinutes(5)), "topology converges despite lost gossip");
        for (int round = 0; round < 5; round++) {
            for (SimRouter r : sim.routers) {
                r.counter.channel().gossipBroadcast(r.counter.increment());
            }
        }
        assertTrue(sim.clock.runUntil(() -> sim.routers.stream().allMatch(r -> sim.routers.stream()
                .allMatch(other -> r.counter.get(other.name) == 5)), Duration.ofMinutes(3)),
                "the periodic full gossip repairs what was lost");
    }
}
