package dev.weft.router.mesh.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.identity.PeerName;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TopologyTest {

    static final PeerName SELF = PeerName.parse("8a:00:00:00:00:05");
    static final PeerName A = PeerName.parse("8a:00:00:00:00:01");
    static final PeerName B = PeerName.parse("8a:00:00:00:00:02");
    static final PeerName C = PeerName.parse("8a:00:00:00:00:03");

    static PeerEntry entry(PeerName name, long uid, long version, int shortId, PeerName... connectedTo) {
        List<ConnectionSummary> conns = new ArrayList<>();
        for (PeerName remote : connectedTo) {
            conns.add(new ConnectionSummary(remote, "10.0.0." + remote.value() + ":6783", true, true));
        }
        return new PeerEntry(name, "n" + name.value(), uid, version, shortId, conns);
    }

    private final Topology topology = new Topology(entry(SELF, 99, 1, 5, A));

    @Test
    void aConnectionToAnUnknownPeerMakesAPlaceholder() {
        PeerEntry a = topology.get(A);
        assertTrue(a.isPlaceholder());
        assertEquals(1, topology.describedCount());
        assertEquals(List.of(new DigestItem(SELF, 99, 1)), topology.digest());
    }

    @Test
    void newerVersionsWinAndOlderOnesAreIgnored() {
        assertEquals(Set.of(A), topology.apply(List.of(entry(A, 1, 3, 10, SELF, B))).changed());
        assertTrue(topology.get(B).isPlaceholder(), "B is named by A's entry");
        assertEquals(Set.of(), topology.apply(List.of(entry(A, 1, 2, 10, SELF))).changed());
        assertEquals(Set.of(), topology.apply(List.of(entry(A, 1, 3, 10, SELF))).changed(), "same entry again");
        assertEquals(Set.of(A), topology.apply(List.of(entry(A, 1, 4, 10, SELF))).changed());
        assertEquals(List.of(new ConnectionSummary(SELF, "10.0.0." + SELF.value() + ":6783", true, true)),
                topology.get(A).connections(), "a newer entry replaces the whole connection list");
    }

    @Test
    void atTheSameVersionTheHigherUidWinsThenTheOneWithAShortId() {
        topology.apply(List.of(entry(A, 5, 3, PeerEntry.NO_SHORT_ID)));
        assertEquals(Set.of(), topology.apply(List.of(entry(A, 4, 3, 1))).changed());
        assertEquals(Set.of(A), topology.apply(List.of(entry(A, 5, 3, 7))).changed());
        assertEquals(Set.of(A), topology.apply(List.of(entry(A, -1L, 3, 7))).changed(), "UIDs compare unsigned");
    }

    @Test
    void nobodyElseWritesThisPeersEntryButAnEarlierRunIsNoticed() {
        Topology.ApplyResult same = topology.apply(List.of(entry(SELF, 99, 50, 5)));
        assertFalse(same.sawEarlierSelf());
        assertEquals(1, topology.local().version());
        Topology.ApplyResult earlier = topology.apply(List.of(entry(SELF, 12, 50, 5)));
        assertTrue(earlier.sawEarlierSelf());
        assertEquals(50, earlier.foreignSelfVersion());
        assertEquals(99, topology.local().uid());
    }

    @Test
    void placeholdersOnTheWireAreIgnored() {
        assertEquals(Set.of(), topology.apply(List.of(PeerEntry.placeholder(C))).changed());
        assertFalse(topology.contains(C));
    }

    @Test
    void unreachablePeersAreRemovedButNeverThisOne() {
        topology.apply(List.of(entry(A, 1, 1, 1, SELF, B), entry(B, 2, 1, 2, A)));
        List<PeerEntry> removed = topology.retainOnly(Set.of(A));
        assertEquals(List.of(B), removed.stream().map(PeerEntry::name).toList());
        assertTrue(topology.contains(SELF));
        assertEquals(2, topology.describedCount());
    }

    @Test
    void summaryDependsOnContentNotOrder() {
        List<PeerEntry> update = new ArrayList<>(List.of(entry(A, 1, 4, 1, SELF, B), entry(B, 2, 3, 2, A, C),
                entry(C, 3, 9, 3, B)));
        Topology other = new Topology(entry(SELF, 99, 1, 5, A));
        topology.apply(update);
        Collections.reverse(update);
        for (PeerEntry e : update) {
            other.apply(List.of(e));
        }
        assertEquals(topology.summaryHash(), other.summaryHash());
        other.apply(List.of(entry(C, 3, 10, 3, B)));
        assertNotEquals(topology.summaryHash(), other.summaryHash());
        assertEquals(4, other.describedCount());
    }

    @Test
    void digestsTellWhatEachSideLacks() {
        topology.apply(List.of(entry(A, 1, 4, 1, SELF), entry(B, 2, 3, 2, A)));
        List<DigestItem> theirs = List.of(new DigestItem(A, 1, 6), new DigestItem(C, 3, 1), new DigestItem(SELF, 99, 0));
        assertEquals(Set.of(SELF, B), Set.copyOf(topology.newerThan(theirs).stream().map(PeerEntry::name).toList()));
        assertEquals(List.of(A, C), topology.missing(theirs));
        assertEquals(List.of(SELF), topology.missing(List.of(new DigestItem(SELF, 12, 0))),
                "an entry of an earlier run of this peer is fetched, so the local peer can supersede it");
    }

    @Test
    void theLowestNameKeepsAContestedShortId() {
        assertFalse(topology.localShortIdContested());
        topology.apply(List.of(entry(A, 1, 1, 5)));
        assertTrue(topology.localShortIdContested(), "A sorts before this peer and holds its short ID");
        assertEquals(A, topology.holderOfShortId(5));
        int fresh = topology.chooseFreeShortId(new Random(1));
        assertTrue(fresh >= 0 && fresh < 4096 && fresh != 5);
        topology.setLocal(new PeerEntry(SELF, "me", 99, 2, fresh, topology.local().connections()));
        assertFalse(topology.localShortIdContested());
        assertEquals(SELF, topology.holderOfShortId(fresh));
    }

    @Test
    void aFullShortIdSpaceIsReported() {
        Topology full = new Topology(entry(SELF, 99, 1, 0));
        List<PeerEntry> others = new ArrayList<>();
        for (int id = 1; id < PeerEntry.SHORT_ID_LIMIT; id++) {
            others.add(entry(new PeerName(1_000_000 + id), id, 1, id));
        }
        full.apply(others);
        assertEquals(PeerEntry.NO_SHORT_ID, full.chooseFreeShortId(new Random(3)));
    }
}
