package dev.weft.router.ipam;

import dev.weft.router.identity.PeerName;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.addr.Ipv4;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RingTest {
    static final PeerName A = PeerName.parse("::a");
    static final PeerName B = PeerName.parse("::b");
    static final PeerName C = PeerName.parse("::c");
    static final Cidr RANGE = Cidr.parse("10.32.0.0/12");

    static long ip(String text) {
        return Ipv4.parse(text).unsigned();
    }

    /** Token starts and owners as "start=owner ..." for compact table assertions. */
    static String layout(Ring ring) {
        return ring.tokens().entrySet().stream()
                .map(e -> AddressRange.ip(e.getKey()) + "=" + e.getValue().owner().toString().substring(15))
                .collect(Collectors.joining(" "));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "::a            | 10.32.0.0=0a",
        "::b,::a        | 10.32.0.0=0a 10.40.0.0=0b",
        "::a,::b,::c    | 10.32.0.0=0a 10.40.0.0=0b 10.44.0.0=0c",
        "::c,::a,::b,::a| 10.32.0.0=0a 10.40.0.0=0b 10.44.0.0=0c",
    })
    void dividesTheRangeByHalvingPeersAndAddressesTogether(String peers, String expected) {
        List<PeerName> names = java.util.Arrays.stream(peers.split(",")).map(String::trim).map(PeerName::parse).toList();
        Ring ring = Ring.dividedAmong(RANGE, names);
        assertEquals(expected, layout(ring));
        long total = ring.tokens().values().stream().mapToLong(Token::free).sum();
        assertEquals(RANGE.size(), total, "every address starts free");
        assertEquals(List.copyOf(new java.util.TreeSet<>(names)), ring.seeds());
    }

    @Test
    void eachRangeRunsToTheNextToken() {
        Ring ring = Ring.dividedAmong(RANGE, List.of(A, B, C));
        assertEquals(A, ring.owner(ip("10.32.0.0")));
        assertEquals(A, ring.owner(ip("10.39.255.255")));
        assertEquals(B, ring.owner(ip("10.40.0.0")));
        assertEquals(C, ring.owner(ip("10.47.255.255")));
        assertNull(ring.owner(ip("10.48.0.0")), "outside the range nobody owns it");
        assertEquals(List.of(new AddressRange(ip("10.40.0.0"), ip("10.44.0.0"))), ring.rangesOwnedBy(B));
        assertEquals(Map.of(A, 1L << 19, B, 1L << 18, C, 1L << 18), ring.sizeByOwner());
    }

    @Test
    void mergeKeepsTheHigherVersionOfEachToken() throws Exception {
        Ring ours = Ring.dividedAmong(RANGE, List.of(A, B));
        Ring theirs = ours.copy();
        theirs.reportFree(ip("10.40.0.0"), 5);
        ours.reportFree(ip("10.32.0.0"), 7);
        assertTrue(ours.merge(theirs, C, RangeUsage.NONE).changed());
        assertEquals(5, ours.tokens().get(ip("10.40.0.0")).free());
        assertEquals(7, ours.tokens().get(ip("10.32.0.0")).free(), "our newer token is kept");
        assertFalse(ours.merge(theirs, C, RangeUsage.NONE).changed(), "merging the same again changes nothing");
    }

    @Test
    void mergeRefusesOtherRangesAndSeeds() {
        Ring ours = Ring.dividedAmong(RANGE, List.of(A, B));
        RingMergeException range = assertThrows(RingMergeException.class,
                () -> ours.merge(Ring.dividedAmong(Cidr.parse("10.0.0.0/16"), List.of(A, B)), C, RangeUsage.NONE));
        assertEquals("Incompatible IP allocation ranges (received: 10.0.0.0/16, ours: 10.32.0.0/12)", range.getMessage());
        RingMergeException seeds = assertThrows(RingMergeException.class,
                () -> ours.merge(Ring.dividedAmong(RANGE, List.of(C)), C, RangeUsage.NONE));
        assertEquals("IP allocation was seeded by different peers (received: [00:00:00:00:00:0c], "
                + "ours: [00:00:00:00:00:0a 00:00:00:00:00:0b])", seeds.getMessage());
    }

    @Test
    void transferMovesEveryRangeOfAPeerAndCountsAddresses() {
        Ring ring = Ring.dividedAmong(RANGE, List.of(A, B, C));
        long before = ring.tokens().get(ip("10.40.0.0")).version();
        assertEquals(1L << 18, ring.transfer(B, A));
        assertEquals(A, ring.owner(ip("10.40.0.1")));
        assertEquals(before + 1, ring.tokens().get(ip("10.40.0.0")).version());
        assertEquals(0, ring.transfer(B, A), "nothing left to move");
    }

    @Test
    void reportFreeRaisesTheVersionOnlyOnChange() {
        Ring ring = Ring.dividedAmong(RANGE, List.of(A));
        long v = ring.tokens().firstEntry().getValue().version();
        ring.reportFree(ip("10.32.0.0"), RANGE.size());
        assertEquals(v, ring.tokens().firstEntry().getValue().version());
        ring.reportFree(ip("10.32.0.0"), RANGE.size() - 1);
        assertEquals(v + 1, ring.tokens().firstEntry().getValue().version());
    }

    @Test
    void encodesAndDecodesLosslessly() {
        Ring ring = Ring.dividedAmong(RANGE, List.of(A, B, C));
        ring.reportFree(ip("10.44.0.0"), 12);
        assertEquals(ring, Ring.decode(ring.encode()));
    }

    @Test
    void decodeRejectsDamagedRecords() {
        assertThrows(IllegalArgumentException.class, () -> Ring.decode("nonsense"));
        assertThrows(IllegalArgumentException.class,
                () -> Ring.decode("range 10.32.0.0/12\nseeds ::a\ntoken 10.40.0.0 ::a 1 4\n"));
        assertThrows(IllegalArgumentException.class,
                () -> Ring.decode("range 10.32.0.0/12\nseeds ::a\ntoken 10.99.0.0 ::a 1 4\n"));
    }
}
