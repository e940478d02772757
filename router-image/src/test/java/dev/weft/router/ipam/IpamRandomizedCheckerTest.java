package dev.weft.router.ipam;

import static org.junit.jupiter.api.Assertions.fail;

import dev.weft.router.identity.PeerName;
import dev.weft.router.store.Store;
import dev.weft.router.testing.MutableClock;
import dev.weft.router.testing.SimulatedMesh;
import dev.weft.weaveutil.addr.Cidr;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The randomized IPAM checker: 10 consensus peers and 2 observers on a simulated mesh that drops,
 * duplicates, delays and reorders messages, under a random mix of allocations, claims, releases,
 * cancellations, restarts with and without persisted state, partitions, heals, dead peers and their
 * {@code rmpeer}. After every step no address is held by two live containers; after every heal the
 * replicas' rings are identical, their ranges partition the whole range, every held address lies in a
 * range its holder's peer owns, and no peer refused another's ring.
 *
 * <p>Operator rules the checker follows, as the documentation asks of people: {@code rmpeer} on one
 * live peer only, once the network has settled since the peer died; a peer whose data is lost comes
 * back into a settled, connected cluster. Fixed seeds; a failure names its seed and step, and
 * {@code -Dweft.ipam.checker.seed=<seed>} replays just that one. {@code -Dweft.ipam.checker.soak=N}
 * runs N seeds of 5× as many operations.
 */
class IpamRandomizedCheckerTest {
    static final String RANGE = "10.0.0.0/23";
    static final List<String> SUBNETS = List.of(RANGE, "10.0.1.0/25");
    static final int VOTERS = 10;
    static final int OBSERVERS = 2;
    static final int SOAK = Integer.getInteger("weft.ipam.checker.soak", 0);
    static final int OPERATIONS = SOAK > 0 ? 50_000 : 10_000;
    /** Peers each periodic gossip reaches, about 2·log2(12)/2 as the mesh's subset gossip would. */
    static final int FANOUT = 3;

    static LongStream seeds() {
        Long only = Long.getLong("weft.ipam.checker.seed");
        if (only != null) {
            return LongStream.of(only);
        }
        return SOAK > 0 ? LongStream.rangeClosed(1000, 999 + SOAK) : LongStream.of(1, 2);
    }

    final MutableClock clock = new MutableClock();
    final IpamClusterModel model = new IpamClusterModel();
    final Map<PeerName, AllocatorNode> up = new TreeMap<>();
    final Map<PeerName, Store> disks = new TreeMap<>();
    final List<PeerName> stopped = new ArrayList<>();
    final List<PeerName> dead = new ArrayList<>();
    final List<PeerName> all = new ArrayList<>();
    Random random;
    SimulatedMesh network;
    long seed;
    int step;
    int containerCount;
    int heals;

    @ParameterizedTest
    @MethodSource("seeds")
    void ipamKeepsEveryAddressWithOneOwner(long seed) {
        this.seed = seed;
        random = new Random(seed);
        network = new SimulatedMesh(new Random(seed * 31)).faults(0.05, 0.05, 20);
        for (int i = 1; i <= VOTERS + OBSERVERS; i++) {
            PeerName name = new PeerName(0x0a0000000000L + i);
            all.add(name);
            disks.put(name, Store.inMemory());
            start(name);
        }
        for (step = 0; step < OPERATIONS; step++) {
            operate();
            for (int i = random.nextInt(6); i > 0; i--) {
                network.step();
            }
            model.collectAnswers();
            check(model.addressHeldTwice());
            if (step % 1000 == 999) {
                healAndCompare();
            }
        }
        healAndCompare();
        if (model.answered < OPERATIONS / 10) {
            fail(context() + ": too little got done to mean anything: " + model.answered + " answered");
        }
        System.out.printf("IPAM checker seed %d: %d operations, %d answered, %d refused, %d held at the end, "
                + "%d heals, %d messages delivered, %d ring tokens%n", seed, OPERATIONS, model.answered, model.refused,
                model.holding().size(), heals, network.delivered(),
                up.values().stream().filter(n -> n.ring() != null).findFirst().map(n -> n.ring().tokens().size())
                        .orElse(0));
    }

    private void operate() {
        int roll = random.nextInt(1000);
        List<AllocatorNode> nodes = new ArrayList<>(up.values());
        AllocatorNode node = nodes.get(random.nextInt(nodes.size()));
        if (roll < 350) {
            String id = "c" + containerCount++;
            CompletableFuture<Cidr> f = node.allocate(id, SUBNETS.get(random.nextInt(SUBNETS.size())));
            model.add(new IpamClusterModel.Container(id, node.name, f, null));
        } else if (roll < 450) {
            String id = "c" + containerCount++;
            Cidr cidr = Cidr.of(AddressRange.ip(Cidr.parse(RANGE).first().unsigned() + 1 + random.nextInt(510)), 23);
            CompletableFuture<Void> f = node.claim(id, cidr.toString());
            model.add(new IpamClusterModel.Container(id, node.name, f, cidr));
        } else if (roll < 650) {
            List<IpamClusterModel.Container> holding = model.holding().stream()
                    .filter(c -> up.containsKey(c.peer)).toList();
            if (!holding.isEmpty()) {
                IpamClusterModel.Container c = holding.get(random.nextInt(holding.size()));
                up.get(c.peer).allocator.containerDestroyed(c.id);
                model.containers.remove(c.id);
            }
        } else if (roll < 680) {
            List<IpamClusterModel.Container> waiting = model.waiting().stream()
                    .filter(c -> up.containsKey(c.peer)).toList();
            if (!waiting.isEmpty()) {
                IpamClusterModel.Container c = waiting.get(random.nextInt(waiting.size()));
                up.get(c.peer).allocator.cancel(c.request);
            }
        } else if (roll < 920) {
            clock.advance(Duration.ofMillis(200 + random.nextInt(1500)));
            up.values().forEach(n -> n.allocator.tick());
        } else if (roll < 930) {
            network.gossipRound(FANOUT);
        } else if (roll < 945) {
            partition();
        } else if (roll < 965) {
            network.heal();
        } else if (roll < 980) {
            restartWithData(node);
        } else if (roll < 988) {
            restartWithoutData(node);
        } else if (roll < 994) {
            kill(node);
        } else {
            rmpeer();
        }
    }

    private void start(PeerName name) {
        boolean observer = all.indexOf(name) >= VOTERS;
        AllocatorNode node = AllocatorNode.start(network, name, "h" + (all.indexOf(name) + 1), RANGE,
                observer ? "observer" : "consensus=" + VOTERS, 0, disks.get(name), clock, new Random(random.nextLong()));
        up.put(name, node);
        stopped.remove(name);
    }

    private void partition() {
        List<PeerName> names = new ArrayList<>(all);
        Collections.shuffle(names, random);
        int cut = 1 + random.nextInt(names.size() - 1);
        network.partition(names.subList(0, cut), names.subList(cut, names.size()));
    }

    /** The router restarts on its data; its containers keep running and are found again. */
    private void restartWithData(AllocatorNode node) {
        network.stop(node.name);
        up.remove(node.name);
        model.dropWaitingOn(node.name);
        start(node.name);
        up.get(node.name).allocator.reconcile(model.liveOn(node.name));
    }

    /** The host comes back without its data (and without its containers), into a settled cluster. */
    private void restartWithoutData(AllocatorNode node) {
        if (up.size() < 4) {
            return;
        }
        settle();
        network.stop(node.name);
        up.remove(node.name);
        model.dropAllOn(node.name);
        disks.put(node.name, Store.inMemory());
        start(node.name);
        settle();
    }

    /** The host dies for good, with its containers; its ranges wait for rmpeer. */
    private void kill(AllocatorNode node) {
        if (up.size() <= VOTERS / 2 + 2) {
            return;
        }
        network.stop(node.name);
        up.remove(node.name);
        model.dropAllOn(node.name);
        dead.add(node.name);
    }

    private void rmpeer() {
        if (dead.isEmpty()) {
            return;
        }
        settle();
        PeerName gone = dead.remove(0);
        List<AllocatorNode> nodes = new ArrayList<>(up.values());
        AllocatorNode taker = nodes.get(random.nextInt(nodes.size()));
        if (taker.ring() != null && taker.ring().owners().contains(gone)) {
            taker.allocator.takeOver(gone.toString());
        }
        all.remove(gone);
    }

    /** Heals, lets time pass and gossip flow until the network is quiet. */
    private void settle() {
        network.heal();
        for (int round = 0; round < 2; round++) {
            gossipAndDrain();
        }
    }

    private void gossipAndDrain() {
        clock.advance(Duration.ofSeconds(2));
        up.values().forEach(n -> n.allocator.tick());
        network.gossipRound(FANOUT);
        if (!network.drain(200_000)) {
            fail(context() + ": the network never went quiet: " + network.describe());
        }
        model.collectAnswers();
    }

    /** Whether every peer with a ring has the same one. */
    private boolean converged() {
        return up.values().stream().map(AllocatorNode::ring).filter(java.util.Objects::nonNull).distinct().count() <= 1;
    }

    private void healAndCompare() {
        heals++;
        network.faults(0, 0, 0);
        settle();
        for (int round = 0; round < 30 && !converged(); round++) {
            gossipAndDrain();
        }
        network.faults(0.05, 0.05, 20);
        check(model.addressHeldTwice());
        if (!network.errors().isEmpty()) {
            fail(context() + ": a peer refused another's ring: " + network.errors().get(0));
        }
        Ring agreed = null;
        PeerName first = null;
        for (AllocatorNode node : up.values()) {
            Ring ring = node.ring();
            if (ring == null) {
                continue;
            }
            if (agreed == null) {
                agreed = ring;
                first = node.name;
            } else if (!agreed.equals(ring)) {
                fail(context() + ": after healing, the rings of " + first + " and " + node.name + " differ:\n"
                        + agreed + "\n" + ring);
            }
        }
        if (agreed == null) {
            return;
        }
        if (!agreed.tokens().firstKey().equals(AddressRange.of(Cidr.parse(RANGE)).start())) {
            fail(context() + ": the ring does not start at the range's first address");
        }
        long covered = agreed.sizeByOwner().values().stream().mapToLong(Long::longValue).sum();
        if (covered != Cidr.parse(RANGE).size()) {
            fail(context() + ": the owned ranges cover " + covered + " addresses, not the whole range");
        }
        for (IpamClusterModel.Container c : model.holding()) {
            PeerName owner = agreed.owner(c.address.address().unsigned());
            if (!c.peer.equals(owner)) {
                fail(context() + ": " + c.id + " on " + c.peer + " holds " + c.address + ", in a range of " + owner);
            }
        }
    }

    private void check(String problem) {
        if (problem != null) {
            fail(context() + ": " + problem);
        }
    }

    private String context() {
        return "seed " + seed + " step " + step + " (replay with -Dweft.ipam.checker.seed=" + seed + "; "
                + network.describe() + ")";
    }
}
