package dev.weft.router.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** A mesh started before its data plane: connections wait for the overlay, then handshake with it. */
class ExpectedOverlaySimulationTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    /** Shorter than the handshake's 10 s deadline, so the dialling side is still waiting for an answer. */
    private static final Duration WHILE_THE_DATA_PLANE_STARTS = Duration.ofSeconds(5);

    /** Peer 1 dials peer 0, which expects an overlay, and the data plane takes a while: no handshake yet. */
    private static SimMesh dialledWhileTheOverlayIsExpected(long seed) {
        SimMesh sim = new SimMesh(seed).start(2);
        sim.get(0).mesh.expectOverlay();
        sim.get(1).connect(SimMesh.ip(0));
        sim.clock.runFor(WHILE_THE_DATA_PLANE_STARTS);
        assertFalse(sim.allReachEachOther(), "no handshake before the overlay is registered");
        return sim;
    }

    @Test
    void connectionsWaitForTheExpectedOverlayAndUseIt() {
        SimMesh sim = dialledWhileTheOverlayIsExpected(11);
        assertEquals(1, sim.status(0).peers().size());

        RecordingOverlay overlay = new RecordingOverlay();
        sim.get(0).mesh.setOverlay(overlay);
        assertTrue(sim.converge(MINUTE));
        assertEquals(List.of(SimMesh.name(1)), overlay.prepared, "the waiting connection got the overlay's side");
        MeshStatus.ConnectionStatus connection = sim.status(0).connections().get(0);
        assertEquals("established", connection.state());
        assertTrue(connection.info().startsWith("recording"), connection.info());
    }

    @Test
    void connectionsGoOnWithoutAnOverlayWhenThereIsNone() {
        SimMesh sim = dialledWhileTheOverlayIsExpected(12);

        sim.get(0).mesh.withoutOverlay();
        assertTrue(sim.converge(MINUTE));
        assertTrue(sim.status(0).connections().get(0).info().startsWith("none"));
    }

    @Test
    void withoutExpectingAnOverlayConnectionsStartAtOnce() {
        SimMesh sim = new SimMesh(13).start(2);
        sim.get(1).connect(SimMesh.ip(0));
        sim.clock.runFor(WHILE_THE_DATA_PLANE_STARTS);
        assertTrue(sim.allReachEachOther());
    }

    /** An overlay whose connections are established as soon as they are prepared. */
    private static final class RecordingOverlay implements Overlay {
        final List<Object> prepared = new ArrayList<>();

        @Override
        public void addFeaturesTo(Map<String, String> features) {
        }

        @Override
        public OverlayConnection prepareConnection(OverlayConnectionParams params) {
            prepared.add(params.remotePeer());
            return new OverlayConnection() {
                @Override
                public void confirm() {
                }

                @Override
                public CompletionStage<Void> established() {
                    return CompletableFuture.completedFuture(null);
                }

                @Override
                public CompletionStage<Void> failed() {
                    return new CompletableFuture<>();
                }

                @Override
                public void controlMessage(byte[] message) {
                }

                @Override
                public Map<String, String> attrs() {
                    return Map.of("name", "recording");
                }

                @Override
                public void stop() {
                }
            };
        }

        @Override
        public void stop() {
        }
    }
}
