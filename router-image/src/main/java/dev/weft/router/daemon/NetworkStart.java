package dev.weft.router.daemon;

import dev.weft.router.bridge.WeaveBridge;
import dev.weft.router.concurrent.DaemonThreads;
import dev.weft.router.concurrent.StartupWaits;
import dev.weft.router.mesh.Mesh;
import dev.weft.router.mesh.Overlay;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The weave bridge, then the data plane registered on the mesh as its overlay, brought up on a thread
 * of their own while the daemon builds IPAM, weaveDNS and the host side. The mesh's connections wait
 * for the overlay before their handshake, so this chain is what a joining peer waits for; run one after
 * the other, the two halves took ~0.3 s of a start that runs interpreted.
 */
final class NetworkStart implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NetworkStart.class);
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    private final CompletableFuture<Overlay> started;
    private final Mesh mesh;

    private NetworkStart(CompletableFuture<Overlay> started, Mesh mesh) {
        this.started = started;
        this.mesh = mesh;
    }

    /**
     * @param dataPlane makes and starts the data plane once the bridge exists; null from it: no overlay
     */
    static NetworkStart begin(WeaveBridge bridge, Callable<Overlay> dataPlane, Mesh mesh) {
        mesh.expectOverlay();
        CompletableFuture<Overlay> started = CompletableFuture.supplyAsync(() -> {
            try {
                bridge.ensure();
                LOG.info("bridge {} ready", bridge.name());
                Overlay plane = dataPlane.call();
                if (plane != null) {
                    mesh.setOverlay(plane);
                } else {
                    mesh.withoutOverlay();
                }
                return plane;
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, DaemonThreads.startingEach("network-start"));
        return new NetworkStart(started, mesh);
    }

    /** Waits until the bridge and the data plane are up; throws what stopped either. */
    void await() throws Exception {
        StartupWaits.await(started, PATIENCE, "the bridge and the data plane were not up after "
                + PATIENCE.toSeconds() + " s");
    }

    /** Stops the data plane, after waiting for a start still under way; connections still waiting go on without it. */
    @Override
    public void close() throws Exception {
        Overlay plane;
        try {
            plane = started.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            mesh.withoutOverlay();
            return;
        }
        if (plane != null) {
            plane.stop();
        }
    }
}
