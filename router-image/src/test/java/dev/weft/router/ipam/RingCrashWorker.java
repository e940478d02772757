package dev.weft.router.ipam;

import dev.weft.router.identity.PeerName;
import dev.weft.router.mesh.Gossip;
import dev.weft.router.mesh.GossipData;
import dev.weft.router.store.Store;
import dev.weft.router.testing.MutableClock;
import dev.weft.router.testing.SimulatedMesh;
import dev.weft.weaveutil.addr.Cidr;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * The process {@link IpamRingCrashTest} kills: peer A (its data in a file) and peer B (in memory)
 * share a small range and keep allocating, claiming and releasing, so that space moves between them
 * in both directions. A's answered operations are logged ({@code B <seq> ...}, {@code E <seq> ok ...}),
 * and before A's allocator sends any state, its tokens ({@code S start:owner:version ...}).
 */
public final class RingCrashWorker {
    static final String RANGE = "10.9.0.0/26";
    static final PeerName A = PeerName.parse("0a:00:00:00:00:0a");
    static final PeerName B = PeerName.parse("0a:00:00:00:00:0b");
    static final String INIT = "seed=" + A + "," + B;

    private static FileOutputStream log;

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        Random random = new Random(Long.parseLong(args[1]));
        String prefix = args[2];
        log = new FileOutputStream(args[3]);
        MutableClock clock = new MutableClock();
        SimulatedMesh network = new SimulatedMesh(new Random(random.nextLong()));
        Store storeA = Store.open(file);
        AllocatorNode a = AllocatorNode.start(network, A, "a", RANGE, INIT, 0, storeA, clock,
                new Random(random.nextLong()), RingCrashWorker::logged);
        AllocatorNode b = AllocatorNode.start(network, B, "b", RANGE, INIT, 0, Store.inMemory(), clock,
                new Random(random.nextLong()));
        System.out.println("READY");
        List<String> bHeld = new ArrayList<>();
        Map<Long, CompletableFuture<?>> waiting = new java.util.TreeMap<>();
        for (long seq = 0; ; seq++) {
            int roll = random.nextInt(100);
            List<String> aHeld = new ArrayList<>(a.allocator.owners().keySet());
            if (roll < 30) {
                String id = prefix + "-a" + seq;
                write("B " + seq + " alloc " + id);
                waiting.put(seq, a.allocate(id, RANGE));
            } else if (roll < 40) {
                String id = prefix + "-c" + seq;
                Cidr cidr = Cidr.of(AddressRange.ip(Cidr.parse(RANGE).first().unsigned() + 1 + random.nextInt(62)), 26);
                write("B " + seq + " claim " + id + " " + cidr);
                waiting.put(seq, a.claim(id, cidr.toString()));
            } else if (roll < 55 && !aHeld.isEmpty()) {
                String id = aHeld.get(random.nextInt(aHeld.size()));
                write("B " + seq + " delete " + id);
                a.allocator.delete(id);
                write("E " + seq + " ok");
            } else if (roll < 65) {
                String id = "b" + seq;
                b.allocate(id, RANGE);
                bHeld.add(id);
            } else if (roll < 75) {
                String id = "b" + seq;
                b.claim(id, Cidr.of(AddressRange.ip(Cidr.parse(RANGE).first().unsigned() + 1 + random.nextInt(62)), 26)
                        .toString());
                bHeld.add(id);
            } else if (roll < 85 && !bHeld.isEmpty()) {
                String id = bHeld.remove(random.nextInt(bHeld.size()));
                if (b.allocator.owners().containsKey(id)) {
                    b.allocator.delete(id);
                }
            } else {
                clock.advance(Duration.ofSeconds(1));
                a.allocator.tick();
                b.allocator.tick();
            }
            network.drain(200);
            var it = waiting.entrySet().iterator();
            while (it.hasNext()) {
                var e = it.next();
                if (e.getValue().isDone()) {
                    it.remove();
                    if (e.getValue().isCompletedExceptionally()) {
                        write("E " + e.getKey() + " fail");
                    } else {
                        Object v = e.getValue().join();
                        write("E " + e.getKey() + " ok" + (v == null ? "" : " " + v));
                    }
                }
            }
        }
    }

    /** Logs A's tokens before each state A sends (it is on disk by then). */
    private static Gossip logged(Gossip inner) {
        return new Gossip() {
            @Override
            public void gossipUnicast(PeerName destination, byte[] message) {
                IpamMessage m = IpamCodec.decode(message);
                if (m instanceof IpamMessage.SpaceReply r) {
                    logState(r.state());
                } else if (m instanceof IpamMessage.State s) {
                    logState(s);
                }
                inner.gossipUnicast(destination, message);
            }

            @Override
            public void gossipBroadcast(GossipData update) {
                if (update instanceof IpamGossipData d) {
                    logState(d.state());
                }
                inner.gossipBroadcast(update);
            }

            @Override
            public void gossipNeighbourSubset(GossipData update) {
                inner.gossipNeighbourSubset(update);
            }
        };
    }

    private static void logState(IpamMessage.State state) {
        if (state.ring() == null) {
            return;
        }
        StringBuilder sb = new StringBuilder("S");
        state.ring().tokens().forEach((start, t) -> sb.append(' ').append(start).append(':').append(t.owner())
                .append(':').append(t.version()));
        try {
            write(sb.toString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void write(String line) throws IOException {
        log.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
