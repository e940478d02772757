package dev.weft.router.mesh.sim;

import dev.weft.router.identity.PeerName;
import dev.weft.router.mesh.Mesh;
import dev.weft.router.mesh.MeshConfig;
import dev.weft.router.mesh.MeshStatus;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/** One simulated router: a real {@link Mesh} on a {@link SimNetwork} host, with a test counter channel. */
public final class SimRouter {

    public final String ip;
    public final PeerName name;
    public final Mesh mesh;
    public final CounterGossiper counter;
    private final SimClock clock;

    public SimRouter(SimClock clock, SimNetwork network, String ip, PeerName name, MeshConfig config, Random random)
            throws IOException {
        this.clock = clock;
        this.ip = ip;
        this.name = name;
        this.mesh = new Mesh(config, clock, network.transport(ip), random);
        this.counter = new CounterGossiper(name).register(mesh, "counter");
        mesh.start();
    }

    public void connect(String... targets) {
        List<String> problems = mesh.connect(List.of(targets), false);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.toString());
        }
    }

    /** The status, taken by running the mesh actor's task on the simulated clock. */
    public MeshStatus status() {
        CompletableFuture<MeshStatus> status = mesh.status();
        clock.runUntil(status::isDone, java.time.Duration.ofSeconds(5));
        return status.join();
    }

    public long peersKnown() {
        return status().peers().stream().filter(p -> !p.uid().equals("0")).count();
    }
}
