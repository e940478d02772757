package dev.weft.router.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.mesh.sim.SimRouter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Encrypted connections over the simulated network: who joins, who is refused and why. */
class EncryptedMeshSimulationTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private static Optional<MeshStatus.ConnectionStatus> connectionTo(MeshStatus status, String address) {
        return status.connections().stream().filter(c -> c.address().equals(address)).findFirst();
    }

    private static SimMesh pair(long seed, String password0, String password1) {
        SimMesh sim = new SimMesh(seed);
        sim.add(c -> c.withPassword(password0));
        sim.add(c -> c.withPassword(password1));
        sim.get(0).connect(SimMesh.ip(1));
        sim.get(1).connect(SimMesh.ip(0));
        return sim;
    }

    @Test
    void peersWithTheSamePasswordJoinGossipAndSayEncrypted() {
        SimMesh sim = pair(31, "s3cret", "s3cret");
        sim.add(c -> c.withPassword("s3cret")).connect(SimMesh.ip(0));
        assertTrue(sim.converge(MINUTE));
        SimRouter r0 = sim.get(0);
        for (int i = 0; i < 3; i++) {
            r0.counter.channel().gossipBroadcast(r0.counter.increment());
        }
        assertTrue(sim.clock.runUntil(() -> sim.get(1).counter.get(r0.name) == 3 && sim.get(2).counter.get(r0.name) == 3,
                MINUTE), "gossip crosses the encrypted connections");
        MeshStatus status = sim.status(1);
        assertTrue(status.encryption());
        MeshStatus.ConnectionStatus row = status.connections().get(0);
        assertEquals("established", row.state());
        assertTrue(row.info().startsWith("encrypted   "), row.info());
    }

    @Test
    void aWrongPasswordNeverJoinsAndBothSidesSayPasswordMismatch() {
        SimMesh sim = pair(32, "s3cret", "guess");
        sim.clock.runFor(Duration.ofMinutes(2));
        assertTrue(sim.reachableFrom(0).isEmpty() && sim.reachableFrom(1).isEmpty());
        for (int i = 0; i < 2; i++) {
            MeshStatus.ConnectionStatus row = connectionTo(sim.status(i), SimMesh.ip(1 - i) + ":6783").orElseThrow();
            assertEquals("failed", row.state());
            assertTrue(row.info().startsWith("password mismatch"), "router " + i + ": " + row.info());
        }
    }

    @Test
    void aPeerWithoutAPasswordNeverJoinsAndEachSideSaysWhich() {
        SimMesh sim = pair(33, "s3cret", "");
        sim.clock.runFor(Duration.ofMinutes(2));
        assertTrue(sim.reachableFrom(0).isEmpty() && sim.reachableFrom(1).isEmpty());
        MeshStatus.ConnectionStatus withPassword = connectionTo(sim.status(0), SimMesh.ip(1) + ":6783").orElseThrow();
        assertEquals("failed", withPassword.state());
        assertTrue(withPassword.info().startsWith("encryption not enabled on the peer"), withPassword.info());
        MeshStatus.ConnectionStatus without = connectionTo(sim.status(1), SimMesh.ip(0) + ":6783").orElseThrow();
        assertEquals("failed", without.state());
        assertTrue(without.info().startsWith("peer requires encryption, but encryption is not enabled here"),
                without.info());
        assertTrue(!sim.status(1).encryption());
    }

    /** Only the outsider dials: the accepting router's status shows the refused connection and why. */
    private static MeshStatus.ConnectionStatus acceptedRow(long seed, String accepting, String dialling) {
        SimMesh sim = new SimMesh(seed);
        sim.add(c -> c.withPassword(accepting));
        sim.add(c -> c.withPassword(dialling));
        sim.get(1).connect(SimMesh.ip(0));
        sim.clock.runFor(Duration.ofMinutes(2));
        assertTrue(sim.reachableFrom(0).isEmpty());
        List<MeshStatus.ConnectionStatus> inbound = sim.status(0).connections().stream()
                .filter(c -> !c.outbound()).toList();
        assertEquals(1, inbound.size(), inbound.toString());
        MeshStatus.ConnectionStatus row = inbound.get(0);
        assertTrue(row.address().startsWith(SimMesh.ip(1) + ":"), row.address());
        assertEquals("failed", row.state());
        return row;
    }

    @Test
    void theAcceptingSideAlsoSaysWhyAPeerWasRefused() {
        assertTrue(acceptedRow(35, "s3cret", "guess").info().startsWith("password mismatch"));
        assertTrue(acceptedRow(36, "s3cret", "").info().startsWith("encryption not enabled on the peer"));
        String noPassword = acceptedRow(37, "", "s3cret").info();
        assertTrue(noPassword.startsWith("peer requires encryption, but encryption is not enabled here"), noPassword);
    }

    @Test
    void aRefusedPeerThatJoinsLaterLeavesNoFailedRowBehind() {
        SimMesh sim = new SimMesh(38);
        sim.add(c -> c.withPassword("s3cret"));
        sim.add(c -> c.withPassword("guess"));
        sim.get(1).connect(SimMesh.ip(0));
        sim.clock.runFor(MINUTE);
        assertTrue(sim.status(0).connections().stream().anyMatch(c -> !c.outbound() && c.state().equals("failed")));
        sim.add(c -> c.withPassword("s3cret")).connect(SimMesh.ip(0));
        assertTrue(sim.clock.runUntil(() -> sim.reachableFrom(0).size() == 1, MINUTE));
        assertTrue(sim.status(0).connections().stream()
                .noneMatch(c -> c.address().startsWith(SimMesh.ip(2) + ":") && c.state().equals("failed")));
    }

    @Test
    void aTamperedControlMessageClosesTheConnectionWhichThenComesBackWithNewKeys() {
        SimMesh sim = new SimMesh(34);
        sim.add(c -> c.withPassword("s3cret"));
        sim.add(c -> c.withPassword("s3cret"));
        sim.get(1).connect(SimMesh.ip(0));
        assertTrue(sim.converge(MINUTE));
        long before = sim.status(0).terminationCount();
        sim.network.tamperNext(SimMesh.ip(1), 1);
        SimRouter r1 = sim.get(1);
        r1.counter.channel().gossipBroadcast(r1.counter.increment());
        assertTrue(sim.clock.runUntil(() -> sim.status(0).terminationCount() > before, MINUTE),
                "the receiver closes the connection on a message that fails authentication");
        assertEquals(0, sim.get(0).counter.get(r1.name), "the tampered message was not delivered");
        assertTrue(sim.converge(Duration.ofMinutes(5)), "the dialler reconnects with fresh keys");
    }
}
