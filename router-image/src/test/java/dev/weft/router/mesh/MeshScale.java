package dev.weft.router.mesh;

import dev.weft.router.identity.PeerName;
import dev.weft.router.mesh.sim.CounterGossiper;
import dev.weft.router.mesh.sim.SimRouter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The scale simulation (bench/mesh-scale and MeshScaleTest): N real meshes in one JVM on a random
 * partial mesh (each router dials {@code degree} random earlier ones; no discovery), 10 ms per hop.
 * Measures, after the mesh has settled: one broadcast change, one neighbour-subset gossip change and
 * one peer join — rounds (hops) until every peer has it, virtual time, messages and bytes received
 * per peer — the periodic topology gossip per peer per 30 s, and the heap.
 */
public final class MeshScale {

    static final Duration HOP = Duration.ofMillis(10);

    /** What one run measured. Bytes are received bytes, mean per peer, frames plus length prefixes. */
    public record Result(int peers, boolean fullTopology, Duration built, long broadcastRounds,
                         double broadcastBytesPerPeer, long gossipRounds, double gossipBytesPerPeer,
                         Duration joinSeen, double joinBytesPerPeer, double periodicBytesPerPeer,
                         double messagesPerPeerPerChange, double heapMiB, long events, double wallSeconds) {

        public double roundTarget() {
            return 2 * Math.log(peers) / Math.log(2);
        }

        public String report() {
            return String.format(Locale.ROOT, "peers=%d topology=%s built_s=%.1f broadcast_rounds=%d "
                            + "broadcast_bytes_per_peer=%.0f gossip_rounds=%d gossip_bytes_per_peer=%.0f join_seen_ms=%d "
                            + "join_bytes_per_peer=%.0f periodic_bytes_per_peer_per_30s=%.0f messages_per_peer_per_change=%.1f "
                            + "heap_mib=%.0f events=%d wall_s=%.1f",
                    peers, fullTopology ? "full(weave-2.8)" : "changes-only(weft)", built.toMillis() / 1000.0,
                    broadcastRounds, broadcastBytesPerPeer, gossipRounds, gossipBytesPerPeer, joinSeen.toMillis(),
                    joinBytesPerPeer, periodicBytesPerPeer, messagesPerPeerPerChange, heapMiB, events, wallSeconds);
        }
    }

    private MeshScale() {}

    public static Result run(int n, int degree, long seed, boolean fullTopology) {
        long wallStart = System.nanoTime();
        SimMesh sim = new SimMesh(seed);
        sim.network.latency(HOP, Duration.ZERO);
        for (int i = 0; i < n; i++) {
            sim.add(c -> {
                MeshConfig config = c.withPolicy(1, 0, false, List.of());
                return fullTopology ? config.withFullTopologyGossip() : config;
            });
        }
        Random random = new Random(seed);
        for (int i = 1; i < n; i++) {
            Set<Integer> picks = new LinkedHashSet<>();
            while (picks.size() < Math.min(degree, i)) {
                picks.add(random.nextInt(i));
            }
            List<String> targets = new ArrayList<>();
            picks.forEach(p -> targets.add(SimMesh.ip(p)));
            sim.get(i).connect(targets.toArray(new String[0]));
        }
        Duration patience = Duration.ofMinutes(30);
        if (!sim.clock.runUntil(sim::allReachEachOther, patience, Duration.ofMillis(500))) {
            throw new IllegalStateException(n + " routers did not converge in " + patience);
        }
        Duration built = sim.clock.elapsed();
        sim.clock.runFor(Duration.ofSeconds(65)); // past two periodic gossips: quiet from here on

        long bytes0 = sim.network.totalBytes();
        sim.clock.runFor(Duration.ofSeconds(60));
        double periodic = (sim.network.totalBytes() - bytes0) / (double) n / 2;

        long[] broadcast = change(sim, n, 0, true);
        long[] gossip = change(sim, n, n / 2, false);

        // a peer joins through one router
        long bytes1 = sim.network.totalBytes();
        long start = sim.clock.nanoTime();
        SimRouter joiner = sim.add(c -> {
            MeshConfig config = c.withPolicy(1, 0, false, List.of());
            return fullTopology ? config.withFullTopologyGossip() : config;
        });
        joiner.connect(SimMesh.ip(random.nextInt(n)));
        PeerName joined = joiner.name;
        BooleanSupplier everyoneSees = () -> sim.routers.stream().allMatch(r -> r == joiner
                || r.mesh.membership().nickname(joined).isPresent()) && joiner.mesh.currentRoutes().reachable().size() == n;
        if (!sim.clock.runUntil(everyoneSees, Duration.ofMinutes(2), Duration.ofMillis(10))) {
            throw new IllegalStateException("the join did not reach every peer");
        }
        Duration joinSeen = Duration.ofNanos(sim.clock.nanoTime() - start);
        sim.clock.runFor(Duration.ofSeconds(2));
        double joinBytes = (sim.network.totalBytes() - bytes1) / (double) (n + 1);

        double heap = usedHeapMiB();
        return new Result(n, fullTopology, built, broadcast[0], broadcast[1] / (double) n, gossip[0],
                gossip[1] / (double) n, joinSeen, joinBytes, periodic, (broadcast[2] + gossip[2]) / 2.0 / n, heap,
                sim.clock.eventsRun(), (System.nanoTime() - wallStart) / 1e9);
    }

    /** One counter change from router {@code from}; returns {rounds, bytes, messages} until quiet. */
    private static long[] change(SimMesh sim, int n, int from, boolean broadcast) {
        SimRouter origin = sim.get(from);
        Map<PeerName, Long> arrival = new HashMap<>();
        long start = sim.clock.nanoTime();
        for (SimRouter r : sim.routers) {
            r.counter.onLearn((peer, value) -> {
                if (peer.equals(origin.name)) {
                    arrival.putIfAbsent(r.name, sim.clock.nanoTime() - start);
                }
            });
        }
        long bytes = sim.network.totalBytes();
        long messages = sim.network.totalMessages();
        CounterGossiper.Data change = origin.counter.increment();
        arrival.put(origin.name, 0L);
        if (broadcast) {
            origin.counter.channel().gossipBroadcast(change);
        } else {
            origin.counter.channel().gossipNeighbourSubset(change);
        }
        if (!sim.clock.runUntil(() -> arrival.size() == sim.routers.size(), Duration.ofSeconds(20), HOP)) {
            throw new IllegalStateException("the change reached " + arrival.size() + " of " + n + " peers");
        }
        sim.clock.runFor(Duration.ofSeconds(1));
        long last = arrival.values().stream().mapToLong(Long::longValue).max().orElse(0);
        long rounds = Math.round((double) last / HOP.toNanos());
        return new long[] {rounds, sim.network.totalBytes() - bytes, sim.network.totalMessages() - messages};
    }

    private static double usedHeapMiB() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return (rt.totalMemory() - rt.freeMemory()) / (1024.0 * 1024.0);
    }

    /** {@code MeshScale N [degree] [seed] [full]}: prints one result line. */
    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int degree = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        boolean full = args.length > 3 && args[3].equals("full");
        System.out.println(run(n, degree, seed, full).report());
    }
}
