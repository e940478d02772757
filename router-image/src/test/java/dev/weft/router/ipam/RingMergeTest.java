package dev.weft.router.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.identity.PeerName;
import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.addr.Ipv4;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The guards of SPEC §5.1 that keep one owner per address when rings merge. */
class RingMergeTest {
    static final PeerName A = PeerName.parse("::a");
    static final PeerName B = PeerName.parse("::b");
    static final PeerName C = PeerName.parse("::c");
    static final Cidr RANGE = Cidr.parse("10.0.0.0/24");

    static long ip(String text) {
        return Ipv4.parse(text).unsigned();
    }

    /** A usage that says "in use" for any range holding {@code address}. */
    static RangeUsage holding(String address) {
        return range -> range.contains(ip(address));
    }

    /** Ring A: 10.0.0.0-127, B: 10.0.0.128-255, as A and B both start. */
    static Ring pair() {
        return Ring.dividedAmong(RANGE, List.of(A, B));
    }

    static Ring with(Ring base, long start, Token token) {
        Map<Long, Token> tokens = new TreeMap<>(base.tokens());
        tokens.put(start, token);
        return Ring.of(base.range(), base.seeds(), tokens);
    }

    @Test
    void aNewerTokenOfOursThatHandsItAwayIsTakenWhenWeHoldNothingThere() throws Exception {
        Ring ours = pair();
        Ring theirs = with(ours, ip("10.0.0.0"), new Token(C, 5, 128));
        RingMerge.Outcome outcome = ours.merge(theirs, A, holding("10.0.0.200"));
        assertTrue(outcome.changed());
        assertEquals(C, ours.owner(ip("10.0.0.1")));
    }

    @Test
    void aNewerTokenOfOursThatHandsAwayAnAddressWeHoldIsRefusedAndChangesNothing() {
        Ring ours = pair();
        Ring before = ours.copy();
        Ring theirs = with(ours, ip("10.0.0.0"), new Token(C, 5, 128));
        RingMergeException e = assertThrows(RingMergeException.class,
                () -> ours.merge(theirs, A, holding("10.0.0.9")));
        assertEquals("received ring gives IP range 10.0.0.0-10.0.0.127 to peer 00:00:00:00:00:0c (token 10.0.0.0 "
                + "version 5), but this peer owns it (version 1) and holds addresses in it", e.getMessage());
        assertEquals(before, ours, "a refused merge leaves our ring as it was");
    }

    @Test
    void aNewerCopyOfOurTokenStillNamingUsIsReassertedAboveItsVersion() throws Exception {
        Ring ours = pair();
        ours.reportFree(ip("10.0.0.0"), 100);
        Ring theirs = with(ours, ip("10.0.0.0"), new Token(A, 9, 128));
        RingMerge.Outcome outcome = ours.merge(theirs, A, holding("10.0.0.9"));
        assertTrue(outcome.reasserted(), "our state differs from theirs now, so it must be gossiped");
        assertEquals(new Token(A, 10, 100), ours.tokens().get(ip("10.0.0.0")), "our free count, above their version");
    }

    @Test
    void aTokenSplittingOurRangeIsTakenOnlyWhenTheSplitOffPartHoldsNothingOfOurs() throws Exception {
        Ring theirs = with(pair(), ip("10.0.0.64"), new Token(C, 1, 64));
        Ring holdingBelow = pair();
        assertTrue(holdingBelow.merge(theirs, A, holding("10.0.0.9")).changed());
        assertEquals(C, holdingBelow.owner(ip("10.0.0.100")));
        assertEquals(A, holdingBelow.owner(ip("10.0.0.63")));

        Ring holdingAbove = pair();
        RingMergeException e = assertThrows(RingMergeException.class,
                () -> holdingAbove.merge(theirs, A, holding("10.0.0.70")));
        assertTrue(e.getMessage().startsWith("received ring gives IP range 10.0.0.64-10.0.0.127 to peer "
                + "00:00:00:00:00:0c"), e.getMessage());
    }

    @Test
    void equalVersionsWithOtherContentAreAnErrorForOurTokenWithAddresses() {
        Ring ours = pair();
        Ring theirs = with(ours, ip("10.0.0.0"), new Token(C, 1, 128));
        assertThrows(RingMergeException.class, () -> ours.merge(theirs, A, holding("10.0.0.1")));
    }

    @Test
    void equalVersionsOtherwiseKeepTheLargerFreeCountThenTheLargerOwnerOnEveryPeer() throws Exception {
        Ring base = pair();
        Ring x = with(base, ip("10.0.0.128"), new Token(B, 3, 40));
        Ring y = with(base, ip("10.0.0.128"), new Token(B, 3, 50));
        Ring xy = x.copy();
        Ring yx = y.copy();
        xy.merge(y, C, RangeUsage.NONE);
        yx.merge(x, C, RangeUsage.NONE);
        assertEquals(xy, yx, "both orders agree");
        assertEquals(50, xy.tokens().get(ip("10.0.0.128")).free());

        Ring p = with(base, ip("10.0.0.128"), new Token(B, 3, 50));
        Ring q = with(base, ip("10.0.0.128"), new Token(C, 3, 50));
        Ring pq = p.copy();
        Ring qp = q.copy();
        pq.merge(q, A, RangeUsage.NONE);
        qp.merge(p, A, RangeUsage.NONE);
        assertEquals(pq, qp);
        assertEquals(C, pq.owner(ip("10.0.0.200")));
    }

    @Test
    void equalVersionsOfOurOwnTokenAreReasserted() throws Exception {
        Ring ours = pair();
        Ring theirs = with(ours, ip("10.0.0.0"), new Token(A, 1, 3));
        assertTrue(ours.merge(theirs, A, holding("10.0.0.1")).reasserted());
        assertEquals(new Token(A, 2, 128), ours.tokens().get(ip("10.0.0.0")));
    }

    @Test
    void aRingWithoutOurNewTokensLeavesThemAlone() throws Exception {
        Ring ours = pair();
        ours.give(new AddressRange(ip("10.0.0.64"), ip("10.0.0.128")), C);
        Ring older = pair();
        assertFalse(ours.merge(older, A, holding("10.0.0.1")).changed());
        assertEquals(C, ours.owner(ip("10.0.0.64")));
    }

    @Test
    void giveSplitsTheRangeAroundTheBlock() {
        Ring ring = pair();
        ring.give(new AddressRange(ip("10.0.0.32"), ip("10.0.0.48")), C);
        assertEquals(A, ring.owner(ip("10.0.0.31")));
        assertEquals(C, ring.owner(ip("10.0.0.32")));
        assertEquals(C, ring.owner(ip("10.0.0.47")));
        assertEquals(A, ring.owner(ip("10.0.0.48")));
        assertEquals(List.of(new AddressRange(ip("10.0.0.32"), ip("10.0.0.48"))), ring.rangesOwnedBy(C));
        assertEquals(2, ring.tokens().get(ip("10.0.0.32")).version(), "above the version of the range it came from");
        assertThrows(IllegalArgumentException.class,
                () -> ring.give(new AddressRange(ip("10.0.0.120"), ip("10.0.0.130")), C), "two ranges at once");
    }

    @Test
    void aTakeoverWinsOverChangesOfTheDeadPeerThatHadNotReachedTheTaker() throws Exception {
        Ring taker = pair();
        Ring lateNews = with(pair(), ip("10.0.0.128"), new Token(B, 1000, 7));
        assertEquals(128, taker.takeOver(B, A));
        Ring third = lateNews.copy();
        third.merge(taker, C, RangeUsage.NONE);
        assertEquals(A, third.owner(ip("10.0.0.200")), "the takeover reaches peers that knew newer versions");
        assertFalse(taker.merge(lateNews, A, holding("10.0.0.200")).changed(), "and is not undone by them");
    }

    @Test
    void newestCombinesTwoCopiesWithoutGuards() {
        Ring a = with(pair(), ip("10.0.0.0"), new Token(A, 4, 10));
        Ring b = with(pair(), ip("10.0.0.128"), new Token(B, 6, 20));
        Ring both = a.newest(b);
        assertEquals(4, both.tokens().get(ip("10.0.0.0")).version());
        assertEquals(6, both.tokens().get(ip("10.0.0.128")).version());
    }
}
