package dev.weft.router.ipam;

import dev.weft.router.identity.PeerName;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.store.Store;
import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.addr.Ipv4;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import dev.weft.router.mesh.LocalOnlyMesh;
import dev.weft.router.testing.MutableClock;
import java.time.Duration;
import java.util.Random;

class AllocatorTest {
    static final PeerName US = PeerName.parse("::1");
    static final PeerName OTHER = PeerName.parse("::2");
    static final Cidr RANGE = Cidr.parse("10.0.0.0/28");

    final Store store = Store.inMemory();

    @AfterEach
    void close() {
        store.close();
    }

    Allocator allocator(String init) {
        return new Allocator(IpamConfig.fromFlags(RANGE.toString(), null, init, US, "host1", 0), new IpamStore(store));
    }

    static CompletableFuture<Cidr> allocate(Allocator a, String id, String subnet) {
        CompletableFuture<Cidr> f = new CompletableFuture<>();
        a.allocate(id, Cidr.parse(subnet), f);
        return f;
    }

    static CompletableFuture<Void> claim(Allocator a, String id, String cidr) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        a.claim(id, Cidr.parse(cidr), false, f);
        return f;
    }

    static String value(CompletableFuture<?> f) {
        assertTrue(f.isDone(), "answered");
        return String.valueOf(f.join());
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

    @Test
    void firstAllocationFormsTheRingAndGivesTheLowestHostAddress() {
        Allocator a = allocator("consensus");
        assertEquals("idle", a.snapshot().status());
        assertEquals("10.0.0.1/28", value(allocate(a, "c1", "10.0.0.0/28")));
        assertEquals("10.0.0.2/28", value(allocate(a, "c2", "10.0.0.0/28")));
        assertEquals("ready", a.snapshot().status());
        assertEquals(2, a.snapshot().activeIps());
    }

    /** Stores through IpamStore, noting at each save whether the watched request had already been answered. */
    static final class WatchingPersistence implements IpamPersistence {
        final IpamStore inner;
        CompletableFuture<?> watched;
        final List<Boolean> answeredAtSave = new java.util.ArrayList<>();

        WatchingPersistence(Store store) {
            inner = new IpamStore(store);
        }

        @Override
        public Snapshot load(PeerName ourName, Cidr range) {
            return inner.load(ourName, range);
        }

        @Override
        public void save(Ring ring, boolean ringChanged, Map<String, Owner> changedOwners,
                         Map<PeerName, String> nicknames) {
            if (watched != null && (ringChanged || !changedOwners.isEmpty())) {
                answeredAtSave.add(watched.isDone());
            }
            inner.save(ring, ringChanged, changedOwners, nicknames);
        }

        @Override
        public void wipe() {
            inner.wipe();
        }
    }

    @Test
    void changesAreSavedBeforeTheCallerIsAnswered() {
        WatchingPersistence persistence = new WatchingPersistence(store);
        Allocator a = new Allocator(IpamConfig.fromFlags(RANGE.toString(), null, "", US, "host1", 0), persistence);
        CompletableFuture<Cidr> allocation = new CompletableFuture<>();
        persistence.watched = allocation;
        a.allocate("c1", RANGE, allocation);
        CompletableFuture<Void> claim = new CompletableFuture<>();
        persistence.watched = claim;
        a.claim("c2", Cidr.parse("10.0.0.9/28"), false, claim);
        assertTrue(allocation.isDone() && claim.isDone());
        assertEquals(List.of(false, false), persistence.answeredAtSave);
    }

    @Test
    void repeatRequestsBySameIdInSameSubnetReturnTheSameAddress() {
        Allocator a = allocator("");
        assertEquals("10.0.0.1/28", value(allocate(a, "c1", "10.0.0.0/28")));
        assertEquals("10.0.0.1/28", value(allocate(a, "c1", "10.0.0.0/28")));
        assertEquals("10.0.0.9/29", value(allocate(a, "c1", "10.0.0.8/29")), "another subnet is another address");
        assertEquals(List.of(Cidr.parse("10.0.0.1/28"), Cidr.parse("10.0.0.9/29")), a.lookup("c1", RANGE));
    }

    @Test
    void onlyTheSubnetsFirstAndLastAddressesAreExcluded() {
        Allocator a = allocator("");
        // In 10.0.0.0/29 the hosts are .1-.6; .7 is its broadcast. The /28 subnet may use .7 and .8.
        for (int i = 1; i <= 6; i++) {
            assertEquals("10.0.0." + i + "/29", value(allocate(a, "s" + i, "10.0.0.0/29")));
        }
        assertEquals("no free IP address in 10.0.0.0/29: all 6 addresses are in use, and no other peer holds any "
                + "of them", error(allocate(a, "s7", "10.0.0.0/29")).getMessage(), "no peer can ever satisfy it");
        assertEquals("10.0.0.7/28", value(allocate(a, "w1", "10.0.0.0/28")));
        assertEquals("10.0.0.9/30", value(allocate(a, "w2", "10.0.0.8/30")), "10.0.0.8 is that /30's network address");
    }

    @Test
    void outOfRangeSubnetIsRefused() {
        Allocator a = allocator("");
        assertEquals("range 10.1.0.0/16 out of bounds: 10.0.0.0/28",
                error(allocate(a, "c1", "10.1.0.0/16")).getMessage());
    }

    @Test
    void aFullRangeOnAPeerAloneIsRefusedAtOnceAndFreedAddressesAreReused() {
        Allocator a = allocator("");
        for (int i = 1; i <= 14; i++) {
            value(allocate(a, "c" + i, "10.0.0.0/28"));
        }
        assertEquals("no free IP address in 10.0.0.0/28: all 14 addresses are in use, and no other peer holds any "
                + "of them", error(allocate(a, "late", "10.0.0.0/28")).getMessage());
        assertEquals(List.of(), a.snapshot().pendingAllocates());
        a.free("c5", Ipv4.parse("10.0.0.5"));
        assertEquals("10.0.0.5/28", value(allocate(a, "later", "10.0.0.0/28")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "10.0.0.8/31 | no allocatable IP address in 10.0.0.8/31: a /31 or /32 subnet has no host addresses",
        "10.0.0.9/32 | no allocatable IP address in 10.0.0.9/32: a /31 or /32 subnet has no host addresses",
    })
    void aSubnetWithoutHostAddressesIsRefusedAtOnceEvenBeforeTheRingExists(String subnet, String message) {
        Allocator a = allocator("consensus=3");
        assertEquals(message, error(allocate(a, "c1", subnet)).getMessage());
        assertEquals(List.of(), a.snapshot().pendingAllocates());
    }

    @Test
    void cancellingAWaitingRequestAnswersCancelled() {
        Allocator a = allocator("consensus=3");
        CompletableFuture<Cidr> waiting = allocate(a, "c1", "10.0.0.0/28");
        assertFalse(waiting.isDone());
        assertEquals("awaiting consensus (quorum: 2, known: 1)", a.snapshot().status());
        a.cancel(waiting);
        assertInstanceOf(RequestCancelledException.class, error(waiting));
    }

    @Test
    void claimsFollowTheRules() {
        Allocator a = allocator("");
        assertEquals("null", value(claim(a, "c1", "10.0.0.5/28")));
        assertEquals("null", value(claim(a, "c1", "10.0.0.5/28")), "the same id again is fine");
        assertEquals("address 10.0.0.5 is already owned by c1", error(claim(a, "c2", "10.0.0.5/28")).getMessage());
        assertEquals("null", value(claim(a, "c3", "192.168.1.1/24")), "outside the range is recorded");
        assertEquals("address 192.168.1.1 already in use by c3",
                error(claim(a, "c4", "192.168.1.1/24")).getMessage());
        assertEquals("10.0.0.1/28", value(allocate(a, "c5", "10.0.0.0/28")));
        assertEquals(List.of(Cidr.parse("10.0.0.5/28")), a.lookup("c1", RANGE));
        assertEquals(List.of(Cidr.parse("192.168.1.1/24")), a.lookup("c3", Cidr.parse("192.168.0.0/16")));
    }

    @Test
    void claimInTheRangeOfAnUnreachablePeerIsRefusedAfterFiveAttemptsNamingThePeer() {
        MutableClock clock = new MutableClock();
        Allocator a = new Allocator(IpamConfig.fromFlags(RANGE.toString(), null, "seed=::1,::2", US, "host1", 0),
                new IpamStore(store), new LocalOnlyMesh(US), new LocalOnlyMesh(US).channel("IPallocation", null),
                clock, new Random(1));
        CompletableFuture<Void> claim = claim(a, "c1", "10.0.0.9/28");
        for (int second = 0; second < 24; second++) {
            clock.advance(Duration.ofSeconds(1));
            a.tick();
            assertFalse(claim.isDone(), "still trying after " + second + " s");
        }
        assertEquals("waiting to claim 10.0.0.9 from peer 00:00:00:00:00:02(), which is unreachable (attempt 5 of 5); "
                + "if it is gone for good, run `weave rmpeer 00:00:00:00:00:02` on ONE host; run `weave status ipam`",
                a.waitReason());
        clock.advance(Duration.ofSeconds(1));
        a.tick();
        assertEquals("address 10.0.0.9 is owned by other peer 00:00:00:00:00:02 ()", error(claim).getMessage());
        assertEquals("10.0.0.1/28", value(allocate(a, "c1", "10.0.0.0/28")));
    }

    @Test
    void claimWithNoErrorOnUnknownAnswersAtOnceAndCompletesLater() {
        Allocator a = allocator("consensus=2");
        CompletableFuture<Void> f = new CompletableFuture<>();
        a.claim("c1", Cidr.parse("10.0.0.3/28"), true, f);
        assertTrue(f.isDone());
        assertEquals(1, a.snapshot().pendingClaims().size());
        assertEquals("10.0.0.3", a.snapshot().pendingClaims().get(0).address());
    }

    @Test
    void noIdStoresTheAddressUnderItsOwnText() {
        Allocator a = allocator("");
        assertEquals("10.0.0.1/28", value(allocate(a, "_", "10.0.0.0/28")));
        assertEquals("10.0.0.2/28", value(allocate(a, "_", "10.0.0.0/28")));
        assertEquals(List.of("10.0.0.1", "10.0.0.2"), List.copyOf(a.owners().keySet()));
        a.delete("10.0.0.1");
        assertEquals(List.of("10.0.0.2"), List.copyOf(a.owners().keySet()));
        assertFalse(a.owners().get("10.0.0.2").isContainer());
    }

    @Test
    void freeAndDeleteNameWhatIsMissing() {
        Allocator a = allocator("");
        value(allocate(a, "c1", "10.0.0.0/28"));
        IpamException free = org.junit.jupiter.api.Assertions.assertThrows(IpamException.class,
                () -> a.free("c1", Ipv4.parse("10.0.0.9")));
        assertEquals("Free: address 10.0.0.9 not found for c1", free.getMessage());
        IpamException delete = org.junit.jupiter.api.Assertions.assertThrows(IpamException.class, () -> a.delete("c9"));
        assertEquals("Delete: no addresses for c9", delete.getMessage());
        a.delete("c1");
        assertEquals(Map.of(), a.owners());
        assertEquals("10.0.0.1/28", value(allocate(a, "c2", "10.0.0.0/28")), "freed addresses are reused lowest first");
    }

    @Test
    void deadContainersLoseTheirAddressesAfterTheGracePeriod() {
        Allocator a = allocator("");
        value(allocate(a, "c1", "10.0.0.0/28"));
        value(allocate(a, "c2", "10.0.0.0/28"));
        value(allocate(a, "c3", "10.0.0.0/28"));
        a.containerDied("c1", 1_000);
        a.containerDied("c2", 1_000);
        a.containerDied("c3", 1_000);
        a.containerStarted("c2");
        value(allocate(a, "c3", "10.0.0.0/28"));
        a.releaseExpired(30_999);
        assertEquals(3, a.owners().size(), "not before 30 s");
        a.releaseExpired(31_000);
        assertEquals(List.of("c2", "c3"), List.copyOf(a.owners().keySet()), "restarted and re-requesting owners keep theirs");
    }

    @Test
    void destroyedContainerIsReleasedAtOnceAndItsWaitingRequestsCancelled() {
        Allocator a = allocator("consensus=2");
        CompletableFuture<Cidr> waiting = allocate(a, "c1", "10.0.0.0/28");
        CompletableFuture<Void> claimed = new CompletableFuture<>();
        a.claim("c1", Cidr.parse("192.168.0.9/24"), false, claimed);
        assertEquals("null", value(claimed));
        a.containerDestroyed("c1");
        assertInstanceOf(RequestCancelledException.class, error(waiting));
        assertEquals(Map.of(), a.owners());
    }

    @Test
    void dyingContainerHasItsWaitingRequestsCancelled() {
        Allocator a = allocator("observer");
        CompletableFuture<Cidr> waiting = allocate(a, "c1", "10.0.0.0/28");
        assertEquals("priming", a.snapshot().status());
        a.containerDied("c1", 0);
        assertInstanceOf(RequestCancelledException.class, error(waiting));
    }

    @Test
    void observerNeverFormsARingAlone() {
        Allocator a = allocator("observer");
        CompletableFuture<Void> ring = new CompletableFuture<>();
        a.awaitRing(ring);
        assertFalse(ring.isDone());
        assertFalse(a.hasRing());
        assertEquals("priming", a.snapshot().status());
    }

    @Test
    void primingFormsTheRingForConsensusOfOne() {
        Allocator a = allocator("consensus=1");
        CompletableFuture<Void> ring = new CompletableFuture<>();
        a.awaitRing(ring);
        assertTrue(ring.isDone());
        assertEquals("ready", a.snapshot().status());
    }

    @Test
    void seededRingWithoutUsSaysAllRangesAreUnreachable() {
        Allocator a = allocator("seed=::2,::3");
        assertEquals("all IP ranges owned by unreachable peers - use 'rmpeer' if they are dead", a.snapshot().status());
        assertFalse(allocate(a, "c1", "10.0.0.0/28").isDone());
        assertEquals(8, a.takeOver("::2"));
        assertEquals(0, a.takeOver("::2"), "already taken");
        assertEquals(0, a.takeOver("host1"), "our own nickname");
        assertEquals(0, a.takeOver("::1"), "ourselves");
        assertEquals("unknown peer nobody: no peer of that name or nickname is known here",
                org.junit.jupiter.api.Assertions.assertThrows(IpamException.class, () -> a.takeOver("nobody"))
                        .getMessage());
        assertEquals(List.of(Cidr.parse("10.0.0.1/28")), a.lookup("c1", RANGE), "the waiting request got an address");
    }

    @Test
    void handOverWithoutAnotherPeerDropsEverything() {
        Allocator a = allocator("");
        value(allocate(a, "c1", "10.0.0.0/28"));
        assertEquals(Optional.empty(), a.handOver());
        assertFalse(a.hasRing());
        assertEquals(Map.of(), a.owners());
        Allocator reopened = allocator("");
        assertEquals(Map.of(), reopened.owners(), "the stored data is wiped too");
        assertFalse(reopened.hasRing());
    }

    @Test
    void handOverGivesOurRangesToAnotherOwner() {
        Allocator a = allocator("seed=::1,::2");
        assertEquals(Optional.of(OTHER), a.handOver());
        assertFalse(a.hasRing(), "what is left here is forgotten (the others hear of the hand-over by gossip)");
    }

    @Test
    void reconcileClaimsLiveAddressesAndDropsStoredContainersThatAreGone() {
        Allocator a = allocator("");
        value(allocate(a, "gone", "10.0.0.0/28"));
        value(allocate(a, "weave:extern", "10.0.0.0/28"));
        a.reconcile(Map.of("weave:expose", List.of(Cidr.parse("10.0.0.14/28")),
                "live", List.of(Cidr.parse("10.0.0.1/28"))));
        assertEquals(Map.of(
                "weave:extern", new Owner(false, List.of(Cidr.parse("10.0.0.2/28"))),
                "weave:expose", new Owner(false, List.of(Cidr.parse("10.0.0.14/28"))),
                "live", new Owner(true, List.of(Cidr.parse("10.0.0.1/28")))), a.owners());
        assertEquals("10.0.0.3/28", value(allocate(a, "next", "10.0.0.0/28")));
    }

    @Test
    void receivedRingIsMergedOrRefused() throws Exception {
        Allocator a = allocator("observer");
        CompletableFuture<Cidr> waiting = allocate(a, "c1", "10.0.0.0/28");
        Ring theirs = Ring.dividedAmong(RANGE, List.of(US, OTHER));
        a.receive(new IpamMessage.State(OTHER, theirs, Map.of(), Map.of()));
        assertEquals("10.0.0.1/28", value(waiting));
        Ring foreign = Ring.dividedAmong(Cidr.parse("10.9.0.0/28"), List.of(OTHER));
        RingMergeException e = org.junit.jupiter.api.Assertions.assertThrows(RingMergeException.class,
                () -> a.receive(new IpamMessage.State(OTHER, foreign, Map.of(), Map.of())));
        assertEquals("Incompatible IP allocation ranges (received: 10.9.0.0/28, ours: 10.0.0.0/28)", e.getMessage());
    }
}
