package dev.weft.router.dataplane.sleeve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.weft.router.dataplane.lab.StaticMesh;
import dev.weft.router.dataplane.wire.DatagramSealer;
import dev.weft.router.identity.PeerName;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where frames go: next hops, broadcast trees, and floods left to the kernel's VXLAN. */
class ForwardingTableTest {
    private static final PeerName A = PeerName.parse("8a::1");
    private static final PeerName B = PeerName.parse("8a::2");
    private static final PeerName C = PeerName.parse("8a::3");
    private static final PeerName D = PeerName.parse("8a::4");

    private static SleevePeer neighbour(PeerName p) {
        return new SleevePeer(p.value(), A.value(), 1, 6783, 1500, DatagramSealer.PLAIN);
    }

    @Test
    void aLineRelaysThroughTheMiddleAndTreesFollowTheSource() {
        // A - B - C - D
        StaticMesh mesh = new StaticMesh(A, List.of(A, B, C, D));
        mesh.link(A, B);
        mesh.link(B, C);
        mesh.link(C, D);
        SleevePeer b = neighbour(B);
        ForwardingTable t = ForwardingTable.build(A.value(), List.of(b), mesh, mesh.reachablePeers());
        assertSame(b, t.nextHop(C.value()));
        assertSame(b, t.nextHop(D.value()));
        assertSame(b, t.nextHop(B.value()));
        assertNull(t.nextHop(PeerName.parse("8a::9").value()));
        assertArrayEquals(new SleevePeer[] {b}, t.ownFlood());
        assertEquals(0, t.floodFrom(B.value()).length, "A is a leaf of B's tree");
        assertEquals(0, t.floodFrom(D.value()).length);
    }

    @Test
    void floodsTheVxlanReachesDirectlyAreLeftToIt() {
        // full mesh A, B, C: with both neighbours on the fast path A floods nothing over the sleeve
        StaticMesh mesh = StaticMesh.full(A, List.of(A, B, C));
        SleevePeer b = neighbour(B);
        SleevePeer c = neighbour(C);
        b.setFastPathActive(true);
        c.setFastPathActive(true);
        ForwardingTable t = ForwardingTable.build(A.value(), List.of(b, c), mesh, mesh.reachablePeers());
        assertEquals(0, t.ownFlood().length);
        c.setFastPathActive(false);
        t = ForwardingTable.build(A.value(), List.of(b, c), mesh, mesh.reachablePeers());
        assertArrayEquals(new SleevePeer[] {c}, t.ownFlood());
    }

    @Test
    void aFastPathNeighbourStillRelaysFloodsToPeersBehindIt() {
        // A - B - C: B on the fast path, C only through B
        StaticMesh mesh = new StaticMesh(A, List.of(A, B, C));
        mesh.link(A, B);
        mesh.link(B, C);
        SleevePeer b = neighbour(B);
        b.setFastPathActive(true);
        ForwardingTable t = ForwardingTable.build(A.value(), List.of(b), mesh, mesh.reachablePeers());
        assertArrayEquals(new SleevePeer[] {b}, t.ownFlood(), "C is reached only over the sleeve through B");
    }
}
