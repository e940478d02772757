package dev.weft.router.mesh;

import dev.weft.router.identity.PeerName;
import dev.weft.router.mesh.sim.SimClock;
import dev.weft.router.mesh.sim.SimNetwork;
import dev.weft.router.mesh.sim.SimRouter;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.UnaryOperator;

/** A simulated cluster for tests in this package: routers r0..rN-1 on 10.0.x.y, named 8a:00:00:00:x:y. */
final class SimMesh {

    final SimClock clock = new SimClock();
    final Random random;
    final SimNetwork network;
    final List<SimRouter> routers = new ArrayList<>();

    SimMesh(long seed) {
        random = new Random(seed);
        network = new SimNetwork(clock, new Random(seed ^ 0x5DEECE66DL));
    }

    static String ip(int i) {
        return "10.0." + (i / 250) + "." + (1 + i % 250);
    }

    static PeerName name(int i) {
        return new PeerName(0x8a0000000000L + i + 1);
    }

    SimRouter add(UnaryOperator<MeshConfig> tweak) {
        int i = routers.size();
        return add(i, tweak.apply(MeshConfig.defaults(name(i), "r" + i)), random);
    }

    SimRouter add(int index, MeshConfig config, Random routerRandom) {
        try {
            SimRouter r = new SimRouter(clock, network, ip(index), config.name(), config, routerRandom);
            network.name("r" + index, ip(index));
            routers.add(r);
            return r;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    SimMesh start(int n) {
        for (int i = 0; i < n; i++) {
            add(c -> c);
        }
        return this;
    }

    SimRouter get(int i) {
        return routers.get(i);
    }

    /** Runs until every router knows every other as reachable over established connections. */
    boolean converge(Duration patience) {
        return clock.runUntil(this::allReachEachOther, patience);
    }

    boolean allReachEachOther() {
        for (SimRouter r : routers) {
            if (r.mesh.currentRoutes().reachable().size() != routers.size() - 1) {
                return false;
            }
        }
        return true;
    }

    Set<PeerName> reachableFrom(int i) {
        return routers.get(i).mesh.currentRoutes().reachable();
    }

    MeshStatus status(int i) {
        return routers.get(i).mesh.snapshot();
    }
}
