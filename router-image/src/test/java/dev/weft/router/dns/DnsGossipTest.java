package dev.weft.router.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.identity.PeerName;
import dev.weft.router.mesh.GossipException;
import dev.weft.router.testing.MutableClock;
import dev.weft.router.testing.SimulatedMesh;
import dev.weft.weaveutil.addr.Ipv4;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** weaveDNS tables of several peers over a simulated mesh. */
class DnsGossipTest {
    static final PeerName A = PeerName.parse("0a:00:00:00:00:01");
    static final PeerName B = PeerName.parse("0a:00:00:00:00:02");
    static final PeerName C = PeerName.parse("0a:00:00:00:00:03");
    static final Ipv4 IP1 = Ipv4.parse("10.32.0.1");
    static final Ipv4 IP3 = Ipv4.parse("10.40.0.3");

    final MutableClock clock = new MutableClock();
    final SimulatedMesh network = new SimulatedMesh(new Random(5));

    DnsTable peer(PeerName name) {
        SimulatedMesh.Peer mesh = network.start(name, name.toString());
        DnsTable table = new DnsTable(name.toString(), new DnsDomain("weave.local."), DnsRecordStore.NONE, clock);
        DnsGossip.join(table, clock, mesh, mesh, Runnable::run);
        return table;
    }

    void settle() {
        assertTrue(network.drain(100_000));
    }

    @Test
    void aNameRegisteredOnOnePeerResolvesOnEveryPeerAndItsDeletionToo() {
        DnsTable a = peer(A);
        DnsTable b = peer(B);
        DnsTable c = peer(C);
        c.add("web.weave.local.", "c3", IP3);
        settle();
        assertEquals(List.of(IP3), a.index().addresses("web.weave.local."));
        assertEquals(List.of(IP3), b.index().addresses("web.weave.local."));
        a.delete("web.weave.local.", "c3", IP3);
        settle();
        assertEquals(List.of(IP3), b.index().addresses("web.weave.local."), "only the origin deletes");
        c.containerDied("c3");
        settle();
        assertEquals(List.of(), a.index().addresses("web.weave.local."));
        assertEquals(List.of(), b.index().addresses("web.weave.local."));
        assertEquals(2, a.records().get(0).version(), "the tombstone reached A");
        assertEquals(List.of(), network.errors());
    }

    @Test
    void recordsOfAPeerThatLeavesVanishEverywhereAndComeBackWhenItRejoins() {
        DnsTable a = peer(A);
        DnsTable b = peer(B);
        a.add("web.weave.local.", "c1", IP1);
        b.add("db.weave.local.", "c2", IP3);
        settle();
        network.partition(List.of(A), List.of(B));
        assertEquals(List.of(), b.index().addresses("web.weave.local."), "A left B's topology");
        assertEquals(List.of(IP1), a.index().addresses("web.weave.local."), "A keeps its own");
        network.heal();
        settle();
        assertEquals(List.of(IP1), b.index().addresses("web.weave.local."), "back with A's gossip");
        assertEquals(List.of(IP3), a.index().addresses("db.weave.local."));
    }

    @Test
    void aNewerCopyOfOurOwnRecordIsOutvotedByOurState() throws Exception {
        DnsTable a = peer(A);
        DnsTable b = peer(B);
        a.add("web.weave.local.", "c1", IP1);
        settle();
        DnsRecord forged = new DnsRecord("web.weave.local.", A.toString(), "c1", IP1, 7, clock.instant().getEpochSecond());
        b.merge(List.of(forged));
        network.gossipRound();
        settle();
        network.gossipRound();
        settle();
        assertEquals(List.of(IP1), a.index().addresses("web.weave.local."), "A still has its name");
        assertEquals(List.of(IP1), b.index().addresses("web.weave.local."), "and re-asserted it at version 8");
        assertEquals(8, b.records().get(0).version());
    }

    @Test
    void gossipFromAClockMoreThan900SecondsOffIsRefused() {
        DnsTable table = new DnsTable(A.toString(), new DnsDomain("weave.local."), DnsRecordStore.NONE, clock);
        SimulatedMesh.Peer mesh = network.start(A, "a");
        DnsGossip gossip = DnsGossip.join(table, clock, mesh, mesh, Runnable::run);
        long now = clock.instant().getEpochSecond();
        DnsRecord r = new DnsRecord("x.weave.local.", B.toString(), "c", IP1, 1, 0);
        GossipException e = assertThrows(GossipException.class,
                () -> gossip.onGossip(DnsGossipCodec.encode(now - 901, List.of(r))));
        assertEquals("host clock skew of 901s exceeds 900s limit", e.getMessage());
        assertTrue(table.records().isEmpty());
        clock.advance(Duration.ofSeconds(1));
    }

    @Test
    void tombstonesArePurgedAfterThirtyMinutes() {
        DnsTable a = peer(A);
        DnsTable b = peer(B);
        a.add("web.weave.local.", "c1", IP1);
        a.delete("web.weave.local.", "c1", IP1);
        settle();
        clock.advance(Duration.ofMinutes(31));
        assertEquals(1, b.purgeTombstones());
        assertEquals(List.of(), b.records());
    }

    @Test
    void encodingRoundTripsAndRefusesMalformedInput() {
        List<DnsRecord> records = new ArrayList<>();
        records.add(new DnsRecord("Web.weave.local.", A.toString(), "0123456789ab", IP1, 3, 0));
        records.add(new DnsRecord("db.weave.local.", B.toString(), "weave:extern", IP3, 4, 1_700_000_000L));
        byte[] bytes = DnsGossipCodec.encode(99, records);
        assertEquals(new DnsGossipCodec.Message(99, records), DnsGossipCodec.decode(bytes));
        for (int cut = 0; cut < bytes.length; cut += 5) {
            byte[] part = java.util.Arrays.copyOf(bytes, cut);
            assertThrows(IllegalArgumentException.class, () -> DnsGossipCodec.decode(part));
        }
        byte[] lying = bytes.clone();
        lying[9] = 0x7f;
        assertThrows(IllegalArgumentException.class, () -> DnsGossipCodec.decode(lying));
    }
}
