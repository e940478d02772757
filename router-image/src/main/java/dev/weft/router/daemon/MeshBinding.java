package dev.weft.router.daemon;

import dev.weft.router.mesh.Mesh;
import dev.weft.router.mesh.MeshStatus;
import dev.weft.router.status.RouterMesh;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The status and control endpoints' view of the mesh, which exists only once the daemon has started it. */
final class MeshBinding implements RouterMesh {

    private static final Logger LOG = LoggerFactory.getLogger(MeshBinding.class);
    private static final Duration STATUS_PATIENCE = Duration.ofSeconds(2);
    private static final Duration RESOLVE_PATIENCE = Duration.ofSeconds(5);

    private volatile Mesh mesh;

    void attach(Mesh mesh) {
        this.mesh = mesh;
    }

    @Override
    public Optional<MeshStatus> status() {
        Mesh m = mesh;
        if (m == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(m.status().get(STATUS_PATIENCE.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            LOG.warn("the mesh did not give its status within {} s", STATUS_PATIENCE.toSeconds());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.error("mesh status failed", e.getCause());
            return Optional.empty();
        }
    }

    @Override
    public List<String> connect(List<String> peers, boolean replace) {
        Mesh m = mesh;
        if (m == null) {
            return List.of("the router's mesh is not running yet; try again");
        }
        List<String> problems = new ArrayList<>();
        List<String> good = new ArrayList<>();
        for (String peer : peers) {
            String problem = m.resolveProblem(peer, RESOLVE_PATIENCE);
            if (problem == null) {
                good.add(peer);
            } else {
                problems.add(problem);
            }
        }
        if (!good.isEmpty() || replace) {
            m.connect(good, replace);
        }
        return problems;
    }

    @Override
    public void forget(List<String> peers) {
        Mesh m = mesh;
        if (m != null) {
            m.forget(peers);
        }
    }
}
