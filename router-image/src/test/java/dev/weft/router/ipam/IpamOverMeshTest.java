package dev.weft.router.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.api.ApiResponse;
import dev.weft.router.identity.PeerName;
import dev.weft.router.store.Store;
import dev.weft.router.testing.FakeApiRoutes;
import dev.weft.router.testing.MutableClock;
import dev.weft.router.testing.SimulatedMesh;
import dev.weft.weaveutil.addr.Cidr;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The threaded {@link Ipam} on a simulated mesh, through its HTTP routes: waiting, the reason, cancelling. */
class IpamOverMeshTest {
    static final PeerName A = PeerName.parse("0a:00:00:00:00:01");
    static final PeerName B = PeerName.parse("0a:00:00:00:00:02");

    final SimulatedMesh network = new SimulatedMesh(new Random(7));
    final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    final MutableClock clock = new MutableClock();
    final Store storeA = Store.inMemory();
    final Store storeB = Store.inMemory();
    Ipam a;
    Ipam b;

    Ipam open(PeerName name, String nick, Store store) {
        SimulatedMesh.Peer peer = network.start(name, nick);
        return Ipam.create(IpamConfig.fromFlags("10.32.0.0/12", null, "consensus=2", name, nick, 0), store,
                id -> true, clock, scheduler, peer, peer);
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
        scheduler.shutdownNow();
        storeA.close();
        storeB.close();
    }

    void settle() {
        for (int i = 0; i < 20; i++) {
            a.awaitIdle();
            b.awaitIdle();
            network.drain(10_000);
        }
    }

    @Test
    void aWaitingAllocationSaysWhyAndACancelledOneNeverGetsAnAddress() throws Exception {
        a = open(A, "host1", storeA);
        b = open(B, "host2", storeB);
        network.partition(List.of(A), List.of(B));
        FakeApiRoutes routes = new FakeApiRoutes();
        new IpamApi(a).register(routes);
        AtomicReference<ApiResponse> answer = new AtomicReference<>();
        Thread client = new Thread(() -> {
            try {
                answer.set(routes.call("POST", "/ip/c1"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        client.start();
        for (int i = 0; i < 200 && a.snapshot().pendingAllocates().isEmpty(); i++) {
            Thread.sleep(10);
        }
        settle();
        assertEquals(List.of("c1"), a.snapshot().pendingAllocates());
        assertEquals("200 waiting for IP allocation consensus: 1 of quorum 2 peers heard; run `weave status ipam`\n",
                status(routes.call("GET", IpamApi.WAITING_PATH)));

        client.interrupt(); // what the HTTP layer does when the client goes away (Ctrl-C)
        client.join(5_000);
        assertEquals("200 cancelled", status(answer.get()));
        a.awaitIdle();
        assertEquals(List.of(), a.snapshot().pendingAllocates(), "the router forgot the request");
        assertEquals("200 ", status(routes.call("GET", IpamApi.WAITING_PATH)));

        network.heal();
        settle();
        Cidr other = b.allocate("d1", Cidr.parse("10.32.0.0/12"), false).await();
        settle();
        assertTrue(a.isReady(), "the ring formed once B was heard");
        assertEquals(Map.of(), a.owners(), "and the cancelled request got nothing");
        Cidr mine = a.allocate("c2", Cidr.parse("10.32.0.0/12"), false).await();
        assertNotEquals(other.address(), mine.address());
        assertFalse(a.snapshot().awaitingConsensus());
    }

    static String status(ApiResponse r) {
        return r.status() + " " + r.bodyText();
    }
}
