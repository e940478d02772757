package dev.weft.router.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.identity.PeerName;
import dev.weft.router.store.Store;
import dev.weft.router.testing.MutableClock;
import dev.weft.router.testing.SimulatedMesh;
import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.addr.Ipv4;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** Several allocators over a simulated mesh: consensus, space donation, claims, rmpeer, reset, seeds. */
class IpamPeersTest {
    static final String RANGE = "10.0.0.0/24";
    static final PeerName A = PeerName.parse("0a:00:00:00:00:01");
    static final PeerName B = PeerName.parse("0a:00:00:00:00:02");
    static final PeerName C = PeerName.parse("0a:00:00:00:00:03");

    final Random random = new Random(42);
    final SimulatedMesh network = new SimulatedMesh(random);
    final MutableClock clock = new MutableClock();

    AllocatorNode node(PeerName name, String nick, String init) {
        return AllocatorNode.start(network, name, nick, RANGE, init, 0, Store.inMemory(), clock, random);
    }

    static long ip(String text) {
        return Ipv4.parse(text).unsigned();
    }

    static Throwable error(CompletableFuture<?> f) {
        assertTrue(f.isCompletedExceptionally(), "refused");
        try {
            f.get();
            throw new AssertionError("no error");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    void settle() {
        assertTrue(network.drain(100_000), "the network goes quiet");
    }

    void seconds(int n, AllocatorNode... nodes) {
        for (int i = 0; i < n; i++) {
            clock.advance(Duration.ofSeconds(1));
            for (AllocatorNode node : nodes) {
                node.allocator.tick();
            }
            settle();
        }
    }

    @Test
    void consensusAmongThreePeersFormsOneRingSplitAmongThoseHeard() {
        AllocatorNode a = node(A, "a", "consensus=3");
        AllocatorNode b = node(B, "b", "consensus=3");
        AllocatorNode c = node(C, "c", "consensus=3");
        network.partition(List.of(A), List.of(B, C));
        CompletableFuture<Cidr> waiting = a.allocate("c1", RANGE);
        settle();
        assertFalse(waiting.isDone(), "alone, A is no quorum of 2");
        assertEquals("waiting for IP allocation consensus: 1 of quorum 2 peers heard; run `weave status ipam`",
                a.allocator.waitReason());
        assertEquals("awaiting consensus (quorum: 2, known: 1)", a.allocator.snapshot().status());
        network.heal();
        settle();
        assertTrue(waiting.isDone(), "with B and C it is");
        network.gossipRound();
        settle();
        Ring ring = a.ring();
        assertEquals(ring, b.ring());
        assertEquals(ring, c.ring());
        assertEquals(ring.seeds(), ring.owners(), "the ring is split among the peers that agreed");
        assertEquals("", a.allocator.waitReason());
        assertEquals(List.of(), network.errors());
    }

    @Test
    void aMinorityNeverFormsARingAndTheMajorityRingReachesItOnHealing() {
        List<AllocatorNode> nodes = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            nodes.add(node(new PeerName(0x0a0000000000L + i), "h" + i, "consensus=5"));
        }
        network.partition(List.of(nodes.get(0).name, nodes.get(1).name));
        CompletableFuture<Cidr> minority = nodes.get(0).allocate("m", RANGE);
        CompletableFuture<Cidr> majority = nodes.get(4).allocate("M", RANGE);
        seconds(20, nodes.toArray(new AllocatorNode[0]));
        assertFalse(minority.isDone());
        assertTrue(majority.isDone());
        assertNull(nodes.get(1).ring(), "the minority has no ring");
        network.heal();
        seconds(2, nodes.toArray(new AllocatorNode[0]));
        network.gossipRound();
        settle();
        assertTrue(minority.isDone());
        for (AllocatorNode n : nodes) {
            assertEquals(nodes.get(4).ring(), n.ring(), "one ring everywhere");
        }
        assertNotEquals(minority.join().address(), majority.join().address());
        assertEquals(List.of(), network.errors());
    }

    @Test
    void aPeerOutOfSpaceGetsSomeFromAnotherAndNeitherGivesAnAddressTwice() {
        AllocatorNode a = node(A, "a", "seed=" + A + "," + B);
        AllocatorNode b = node(B, "b", "seed=" + A + "," + B);
        List<Cidr> given = new ArrayList<>();
        for (int i = 0; i < 140; i++) {
            CompletableFuture<Cidr> f = b.allocate("b" + i, RANGE);
            settle();
            assertTrue(f.isDone(), "allocation " + i + " on B");
            given.add(f.join());
        }
        assertTrue(b.ring().rangesOwnedBy(B).size() > 1, "B got space from A: " + b.ring().rangesOwnedBy(B));
        network.gossipRound();
        settle();
        assertEquals(a.ring(), b.ring());
        for (int i = 0; i < 114; i++) {
            CompletableFuture<Cidr> f = a.allocate("a" + i, RANGE);
            settle();
            given.add(f.join());
        }
        assertEquals(given.size(), given.stream().map(Cidr::address).distinct().count(), "no address twice");
        CompletableFuture<Cidr> none = a.allocate("last", RANGE);
        settle();
        assertFalse(none.isDone(), "every host address is given: the request waits for space");
        assertTrue(a.allocator.waitReason().startsWith("waiting for free IP addresses in 10.0.0.0/24: none of the 1 "
                + "reachable peers holding parts of it has a free one"), a.allocator.waitReason());
        b.allocator.free("b3", given.get(3).address());
        network.gossipRound();
        settle();
        seconds(6, a, b);
        assertEquals(given.get(3).address(), none.join().address(), "B's freed address reaches A");
    }

    @Test
    void aDonorGivesItsLargestFreeBlockOrOnlyItsUpperHalf() {
        Spaces spaces = new Spaces();
        Ring ring = Ring.dividedAmong(Cidr.parse(RANGE), List.of(A));
        spaces.rebuild(ring, A, List.of(new Owner(true, List.of(Cidr.parse("10.0.0.10/24"))),
                new Owner(true, List.of(Cidr.parse("10.0.0.20/24")))));
        AddressRange wanted = new AddressRange(ip("10.0.0.1"), ip("10.0.0.255"));
        assertEquals(new AddressRange(ip("10.0.0.138"), ip("10.0.0.255")), spaces.donation(wanted),
                "10.0.0.21-254 is more than half of what is free, so its upper half goes");
        AddressRange small = new AddressRange(ip("10.0.0.1"), ip("10.0.0.20"));
        assertEquals(new AddressRange(ip("10.0.0.1"), ip("10.0.0.10")), spaces.donation(small),
                "10.0.0.1-9 (the lower of two equal blocks) is half of the 18 free there: all of it goes");
    }

    @Test
    void aClaimOfAnAddressAnotherPeerOwnsGetsThatAddressAlone() {
        AllocatorNode a = node(A, "a", "seed=" + A + "," + B);
        AllocatorNode b = node(B, "b", "seed=" + A + "," + B);
        CompletableFuture<Void> claim = a.claim("web", "10.0.0.200/24");
        settle();
        assertTrue(claim.isDone() && !claim.isCompletedExceptionally(), "claimed");
        assertEquals(A, b.ring().owner(ip("10.0.0.200")));
        assertEquals(B, b.ring().owner(ip("10.0.0.199")));
        assertEquals(B, b.ring().owner(ip("10.0.0.201")));
        CompletableFuture<Cidr> next = b.allocate("x", "10.0.0.192/26");
        settle();
        assertNotEquals(ip("10.0.0.200"), next.join().address().unsigned());

        CompletableFuture<Cidr> held = b.allocate("y", "10.0.0.128/25");
        settle();
        CompletableFuture<Void> taken = a.claim("web2", held.join().address() + "/24");
        settle();
        assertEquals("address " + held.join().address() + " is owned by other peer " + B + " (b)",
                error(taken).getMessage(), "its owner refused: it holds it");
    }

    @Test
    void rmpeerTakesOverADeadPeersRangesAndEveryPeerSeesIt() {
        AllocatorNode a = node(A, "a", "seed=" + A + "," + B + "," + C);
        AllocatorNode b = node(B, "b", "seed=" + A + "," + B + "," + C);
        node(C, "c", "seed=" + A + "," + B + "," + C);
        settle();
        assertEquals("peer " + C + "(c) is reachable: rmpeer is only for peers that are gone for good",
                assertThrows(IpamException.class, () -> a.allocator.takeOver("c")).getMessage());
        network.stop(C);
        assertTrue(a.allocator.snapshot().status().equals("ready"));
        assertTrue(new IpamStatus(a.allocator::snapshot).detail().contains(
                "is unreachable; if it is gone for good, reclaim them on ONE host with: weave rmpeer c\n"),
                new IpamStatus(a.allocator::snapshot).detail());
        assertEquals(64, a.allocator.takeOver("c"), "by the nickname it had");
        settle();
        assertEquals(a.ring(), b.ring());
        assertEquals(List.of(A, B), b.ring().owners());
        assertEquals(0, a.allocator.takeOver(C.toString()), "nothing left to take");
        assertEquals("unknown peer d: no peer of that name or nickname is known here",
                assertThrows(IpamException.class, () -> a.allocator.takeOver("d")).getMessage());
    }

    @Test
    void resetHandsOurRangesToAReachableOwner() {
        AllocatorNode a = node(A, "a", "seed=" + A + "," + B + "," + C);
        AllocatorNode b = node(B, "b", "seed=" + A + "," + B + "," + C);
        AllocatorNode c = node(C, "c", "seed=" + A + "," + B + "," + C);
        network.stop(B);
        assertEquals(Optional.of(C), a.allocator.handOver(), "B is an owner too, but unreachable");
        settle();
        assertEquals(List.of(B, C), c.ring().owners());
        assertFalse(a.allocator.hasRing(), "and it takes no ring after a reset, even from late gossip");
        network.gossipRound();
        settle();
        assertFalse(a.allocator.hasRing());
        assertEquals("IPAM was reset on this peer (weave reset): restart the router to allocate again",
                error(a.allocate("c1", RANGE)).getMessage());
    }

    @Test
    void aPeerWithoutAddressesJoinsARingSeededByOthersAndOneWithAddressesRefuses() {
        AllocatorNode a = node(A, "a", "seed=" + A);
        AllocatorNode b = node(B, "b", "seed=" + B);
        AllocatorNode c = node(C, "c", "seed=" + C);
        network.partition(List.of(A), List.of(B), List.of(C));
        a.allocate("x", RANGE);
        c.allocate("z", RANGE);
        network.heal();
        settle();
        network.gossipRound();
        settle();
        assertEquals(List.of(A), b.ring().seeds(), "B held nothing and took the ring that had allocations");
        String conflict = a.allocator.snapshot().seedConflict() != null ? a.allocator.snapshot().seedConflict()
                : c.allocator.snapshot().seedConflict();
        assertTrue(conflict.startsWith("IP allocation was seeded by different peers (received: ["), conflict);
        assertTrue(conflict.contains("run `weave reset`"), conflict);
        assertFalse(network.errors().isEmpty(), "A and C both hold addresses: their rings stay apart");
    }

    @Test
    void anObserverAsksForTheRingAndGetsSpace() {
        AllocatorNode a = node(A, "a", "consensus=2");
        AllocatorNode b = node(B, "b", "consensus=2");
        AllocatorNode o = node(C, "o", "observer");
        CompletableFuture<Cidr> f = o.allocate("c1", RANGE);
        assertEquals("priming", o.allocator.snapshot().status());
        settle();
        seconds(1, a, b, o);
        assertTrue(f.isDone(), "the observer's request started the others' consensus, then got space");
        network.gossipRound();
        settle();
        assertEquals(a.ring(), o.ring());
        assertFalse(o.ring().seeds().contains(C), "the observer did not vote");
        assertEquals(b.ring(), o.ring());
    }
}
