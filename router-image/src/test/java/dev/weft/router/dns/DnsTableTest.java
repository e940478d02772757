package dev.weft.router.dns;

import dev.weft.router.testing.MutableClock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.weaveutil.addr.Ipv4;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

class DnsTableTest {
    private static final Ipv4 IP1 = Ipv4.parse("10.32.0.1");
    private static final Ipv4 IP2 = Ipv4.parse("10.32.0.2");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final RecordingStore store = new RecordingStore();
    private final DnsTable table = new DnsTable("peerA", new DnsDomain("weave.local."), store, clock);

    @Test
    void lookupIgnoresCaseAndKeepsTheRegisteredCase() {
        assertTrue(table.add("Web.Weave.Local", "c1", IP1));
        assertEquals(List.of(IP1), table.index().addresses("web.weave.local."));
        assertEquals(List.of(IP1), table.index().addresses("WEB.WEAVE.LOCAL."));
        assertEquals("Web.Weave.Local.", table.index().name(IP1));
        assertEquals("Web.Weave.Local.", table.records().get(0).hostname());
    }

    @Test
    void namesOutsideTheDomainAreIgnoredButSubdomainsAreKept() {
        assertFalse(table.add("web.example.com", "c1", IP1));
        assertFalse(table.add("weave.localx.", "c1", IP1));
        assertTrue(table.add("db.eu.weave.local.", "c1", IP1));
        assertEquals(1, table.records().size());
    }

    @Test
    void severalOwnersShareOneName() {
        table.add("web.weave.local.", "c1", IP1);
        table.add("web.weave.local.", "c2", IP2);
        assertEquals(List.of(IP1, IP2), table.index().addresses("web.weave.local."));
    }

    @Test
    void deleteTombstonesWithAHigherVersionAndPurgesAfterThirtyMinutes() {
        table.add("web.weave.local.", "c1", IP1);
        assertEquals(1, table.delete(null, "c1", null));
        DnsRecord gone = table.records().get(0);
        assertFalse(gone.live());
        assertEquals(2, gone.version());
        assertEquals(clock.instant().getEpochSecond(), gone.tombstone());
        assertEquals(0, table.index().addresses("web.weave.local.").size());

        clock.advance(Duration.ofMinutes(29));
        assertEquals(0, table.purgeTombstones());
        clock.advance(Duration.ofMinutes(2));
        assertEquals(1, table.purgeTombstones());
        assertTrue(table.records().isEmpty());
        assertTrue(store.saved.isEmpty());
    }

    @Test
    void deleteMatchesOnlyTheGivenParts() {
        table.add("web.weave.local.", "c1", IP1);
        table.add("db.weave.local.", "c1", IP2);
        table.add("web.weave.local.", "c2", IP2);
        assertEquals(1, table.delete("WEB.weave.local", "c1", null));
        assertEquals(List.of(IP2), table.index().addresses("web.weave.local."));
        assertEquals(2, table.delete(null, null, IP2));
        assertEquals(0, table.index().liveCount());
    }

    @Test
    void containerDeathTombstonesOnlyThatContainersRecords() {
        table.add("web.weave.local.", "c1", IP1);
        table.add("db.weave.local.", "c2", IP2);
        assertEquals(1, table.containerDied("c1"));
        assertEquals(0, table.index().addresses("web.weave.local.").size());
        assertEquals(1, table.index().addresses("db.weave.local.").size());
    }

    @Test
    void reAddingATombstonedRecordRevivesItWithANewVersion() {
        table.add("web.weave.local.", "c1", IP1);
        table.delete(null, "c1", null);
        table.add("web.weave.local.", "c1", IP1);
        DnsRecord r = table.records().get(0);
        assertTrue(r.live());
        assertEquals(3, r.version());
    }

    @Test
    void onlyTheOriginDeletes() {
        table.merge(List.of(new DnsRecord("db.weave.local.", "peerB", "c9", IP2, 1, 0)));
        assertEquals(0, table.delete(null, null, null));
        assertEquals(1, table.index().liveCount());
    }

    @Test
    void mergeKeepsTheHigherVersion() {
        DnsRecord v2 = new DnsRecord("db.weave.local.", "peerB", "c9", IP2, 2, 0);
        DnsRecord v1Dead = new DnsRecord("db.weave.local.", "peerB", "c9", IP2, 1, 100);
        assertEquals(1, table.merge(List.of(v2)).size());
        assertTrue(table.merge(List.of(v1Dead)).isEmpty());
        assertEquals(1, table.index().liveCount());
        DnsRecord v3Dead = new DnsRecord("db.weave.local.", "peerB", "c9", IP2, 3, 100);
        assertEquals(List.of(v3Dead), table.merge(List.of(v3Dead)));
        assertEquals(0, table.index().liveCount());
    }

    @Test
    void aNewerCopyOfOurOwnRecordMakesUsReassertAboveIt() {
        table.add("web.weave.local.", "c1", IP1);
        DnsRecord staleDeath = new DnsRecord("web.weave.local.", "peerA", "c1", IP1, 5, 100);
        List<DnsRecord> changed = table.merge(List.of(staleDeath));
        assertEquals(1, changed.size());
        assertTrue(changed.get(0).live());
        assertEquals(6, changed.get(0).version());
        assertEquals(1, table.index().liveCount());
    }

    @Test
    void aLiveCopyOfOurRecordWeNoLongerHoldIsTombstonedAboveIt() {
        DnsRecord forgotten = new DnsRecord("old.weave.local.", "peerA", "c7", IP1, 4, 0);
        DnsRecord result = table.merge(List.of(forgotten)).get(0);
        assertFalse(result.live());
        assertEquals(5, result.version());
    }

    @Test
    void aDepartedPeersRecordsAreDropped() {
        table.add("web.weave.local.", "c1", IP1);
        table.merge(List.of(new DnsRecord("db.weave.local.", "peerB", "c9", IP2, 1, 0)));
        assertEquals(1, table.peerGone("peerB"));
        assertEquals(0, table.peerGone("peerA"));
        assertEquals(List.of("web.weave.local."), table.records().stream().map(DnsRecord::hostname).toList());
    }

    @Test
    void ptrLookupTakesTheFirstLiveNameInNameOrder() {
        table.add("zeta.weave.local.", "c1", IP1);
        table.add("Alpha.weave.local.", "c2", IP1);
        assertEquals("Alpha.weave.local.", table.index().name(IP1));
        table.delete("alpha.weave.local.", null, null);
        assertEquals("zeta.weave.local.", table.index().name(IP1));
        assertNull(table.index().name(IP2));
    }

    @Test
    void everyChangeReachesTheStoreAndALaterTableLoadsIt() {
        table.add("web.weave.local.", "c1", IP1);
        table.merge(List.of(new DnsRecord("db.weave.local.", "peerB", "c9", IP2, 7, 0)));
        DnsTable reloaded = new DnsTable("peerA", new DnsDomain("weave.local."), store, clock);
        assertEquals(table.records(), reloaded.records());
    }

    /** Store double that keeps records in memory by key. */
    static final class RecordingStore implements DnsRecordStore {
        final java.util.Map<String, DnsRecord> saved = new java.util.HashMap<>();

        @Override
        public List<DnsRecord> load() {
            return new ArrayList<>(saved.values());
        }

        @Override
        public void write(Collection<DnsRecord> upserts, Collection<DnsRecord> removals) {
            removals.forEach(r -> saved.remove(r.key()));
            upserts.forEach(r -> saved.put(r.key(), r));
        }
    }
}
