package dev.weft.router.ipam;

import dev.weft.router.identity.PeerName;

import dev.weft.weaveutil.addr.Cidr;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The allocation range as a ring of tokens. Each token sits at the first address of a range and
 * names its owner; the range runs up to the next token (the last one up to the end of the range).
 * A token always sits at the range's first address, so no range wraps. Only the owner changes a
 * token, raising its version; merging two rings keeps the higher version of each token.
 */
public final class Ring {
    private final Cidr range;
    private final List<PeerName> seeds;
    private final TreeMap<Long, Token> tokens = new TreeMap<>();

    private Ring(Cidr range, List<PeerName> seeds) {
        this.range = range;
        this.seeds = List.copyOf(seeds);
    }

    /**
     * A ring whose range is divided among {@code peers} (sorted and de-duplicated): the address span
     * and the peer list are halved together until each part has one peer.
     */
    public static Ring dividedAmong(Cidr range, List<PeerName> peers) {
        List<PeerName> sorted = new ArrayList<>(new TreeSet<>(peers));
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("a ring needs at least one peer");
        }
        Ring ring = new Ring(range, sorted);
        AddressRange all = AddressRange.of(range);
        ring.divide(all.start(), all.end(), sorted);
        return ring;
    }

    private void divide(long from, long to, List<PeerName> peers) {
        long span = to - from;
        if (span == 0) {
            return;
        }
        if (span == 1 || peers.size() == 1) {
            tokens.put(from, new Token(peers.get(0), 1, span));
            return;
        }
        long middle = from + span / 2;
        int half = peers.size() / 2;
        divide(from, middle, peers.subList(0, half));
        divide(middle, to, peers.subList(half, peers.size()));
    }

    public Cidr range() {
        return range;
    }

    public List<PeerName> seeds() {
        return seeds;
    }

    /** The tokens in address order (start address → token). */
    public NavigableMap<Long, Token> tokens() {
        return Collections.unmodifiableNavigableMap(tokens);
    }

    public PeerName owner(long address) {
        Map.Entry<Long, Token> entry = tokens.floorEntry(address);
        return entry == null || !AddressRange.of(range).contains(address) ? null : entry.getValue().owner();
    }

    public boolean contains(long address) {
        return AddressRange.of(range).contains(address);
    }

    /** The range belonging to the token at {@code start}. */
    public AddressRange rangeAt(long start) {
        Long next = tokens.higherKey(start);
        return new AddressRange(start, next == null ? AddressRange.of(range).end() : next);
    }

    public List<AddressRange> rangesOwnedBy(PeerName peer) {
        List<AddressRange> result = new ArrayList<>();
        for (Map.Entry<Long, Token> e : tokens.entrySet()) {
            if (e.getValue().owner().equals(peer)) {
                result.add(rangeAt(e.getKey()));
            }
        }
        return result;
    }

    /** How many addresses each peer owns, in peer-name order. */
    public Map<PeerName, Long> sizeByOwner() {
        Map<PeerName, Long> sizes = new TreeMap<>();
        for (Map.Entry<Long, Token> e : tokens.entrySet()) {
            sizes.merge(e.getValue().owner(), rangeAt(e.getKey()).size(), Long::sum);
        }
        return sizes;
    }

    public List<PeerName> owners() {
        return List.copyOf(new TreeSet<>(tokens.values().stream().map(Token::owner).toList()));
    }

    /** Records, as the owner, how many addresses are free in the range at {@code start}. */
    public void reportFree(long start, long free) {
        Token token = Objects.requireNonNull(tokens.get(start), "no token at " + start);
        if (token.free() != free) {
            tokens.put(start, token.withFree(free));
        }
    }

    /**
     * {@code reset}: the owner gives every range of {@code from} to {@code to} (which then counts
     * them as wholly free), raising each token's version; returns how many addresses changed hands.
     */
    public long transfer(PeerName from, PeerName to) {
        return moveAll(from, to, 1);
    }

    /**
     * {@code rmpeer}: takes every range of a dead {@code peer} for {@code taker}. The version jumps by
     * {@link #TAKEOVER_VERSION_STEP}, far past any change of the dead peer that has not reached us
     * yet, so the takeover wins everywhere instead of meeting an equal or newer version of the dead
     * peer's token.
     */
    public long takeOver(PeerName peer, PeerName taker) {
        return moveAll(peer, taker, TAKEOVER_VERSION_STEP);
    }

    /** How far {@link #takeOver} raises a token's version. */
    static final long TAKEOVER_VERSION_STEP = 1L << 32;

    private long moveAll(PeerName from, PeerName to, long versionStep) {
        long moved = 0;
        for (Map.Entry<Long, Token> e : tokens.entrySet()) {
            Token t = e.getValue();
            if (t.owner().equals(from)) {
                long size = rangeAt(e.getKey()).size();
                e.setValue(new Token(to, t.version() + versionStep, size));
                moved += size;
            }
        }
        return moved;
    }

    /**
     * The owner of the range holding {@code block} gives {@code block} (inside that one range) to
     * {@code to}: tokens appear at the block's start and end as needed, at a version above the
     * range's token. The giver reports the free counts of what it keeps afterwards.
     */
    public void give(AddressRange block, PeerName to) {
        Map.Entry<Long, Token> containing = tokens.floorEntry(block.start());
        AddressRange whole = rangeAt(containing.getKey());
        if (block.isEmpty() || whole.intersect(block).size() != block.size()) {
            throw new IllegalArgumentException(block + " is not inside one range (" + whole + ")");
        }
        Token giver = containing.getValue();
        long version = giver.version() + 1;
        if (block.end() < whole.end()) {
            tokens.put(block.end(), new Token(giver.owner(), version, whole.end() - block.end()));
        }
        tokens.put(block.start(), new Token(to, version, block.size()));
    }

    /**
     * Merges a ring received from another peer into this one under the guards of {@link RingMerge};
     * {@code us} is this peer and {@code usage} says where it holds addresses. Throws for another
     * range or other seeds, or when the merge would take away an address we hold (nothing changes then).
     */
    RingMerge.Outcome merge(Ring received, PeerName us, RangeUsage usage) throws RingMergeException {
        checkCompatible(received);
        return RingMerge.merge(tokens, AddressRange.of(range), received.tokens, us, usage);
    }

    /** Throws when {@code received} covers another range or was seeded by other peers. */
    void checkCompatible(Ring received) throws RingMergeException {
        if (!received.range.equals(range)) {
            throw new RingMergeException("Incompatible IP allocation ranges (received: " + received.range
                    + ", ours: " + range + ")");
        }
        if (!received.seeds.equals(seeds)) {
            throw new RingMergeException("IP allocation was seeded by different peers (received: "
                    + names(received.seeds) + ", ours: " + names(seeds) + ")");
        }
    }

    /** The newest of each token of two copies of one ring, without guards (combining gossip before sending). */
    Ring newest(Ring other) {
        Ring result = new Ring(range, seeds);
        result.tokens.putAll(RingMerge.newest(tokens, other.tokens));
        return result;
    }

    /** Whether any owner reported addresses in use (its free count below its range's size). */
    public boolean hasAllocations() {
        for (Map.Entry<Long, Token> e : tokens.entrySet()) {
            if (e.getValue().free() < rangeAt(e.getKey()).size()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Free addresses {@code peer} advertises inside {@code within}: per range, its free count, at most
     * the part of the range inside {@code within}.
     */
    public long freeWithin(PeerName peer, AddressRange within) {
        long free = 0;
        for (Map.Entry<Long, Token> e : tokens.entrySet()) {
            if (e.getValue().owner().equals(peer)) {
                long overlap = rangeAt(e.getKey()).intersect(within).size();
                free += Math.min(overlap, e.getValue().free());
            }
        }
        return free;
    }

    /** Peers owning at least one address of {@code within}. */
    public List<PeerName> ownersWithin(AddressRange within) {
        TreeSet<PeerName> result = new TreeSet<>();
        for (Map.Entry<Long, Token> e : tokens.entrySet()) {
            if (!rangeAt(e.getKey()).intersect(within).isEmpty()) {
                result.add(e.getValue().owner());
            }
        }
        return List.copyOf(result);
    }

    /** Seed lists in a fixed order, so that peers choosing between two rings choose alike. */
    static int compareSeeds(List<PeerName> a, List<PeerName> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    static String names(List<PeerName> peers) {
        return peers.stream().map(PeerName::toString).collect(Collectors.joining(" ", "[", "]"));
    }

    public Ring copy() {
        Ring copy = new Ring(range, seeds);
        copy.tokens.putAll(tokens);
        return copy;
    }

    /** Text form for the store: a header line, then one line per token. */
    public String encode() {
        StringBuilder sb = new StringBuilder();
        sb.append("range ").append(range).append('\n');
        sb.append("seeds").append(seeds.stream().map(p -> " " + p).collect(Collectors.joining())).append('\n');
        for (Map.Entry<Long, Token> e : tokens.entrySet()) {
            Token t = e.getValue();
            sb.append("token ").append(AddressRange.ip(e.getKey())).append(' ').append(t.owner()).append(' ')
                    .append(t.version()).append(' ').append(t.free()).append('\n');
        }
        return sb.toString();
    }

    /** A ring made of decoded tokens; throws IllegalArgumentException unless they form a ring over {@code range}. */
    static Ring of(Cidr range, List<PeerName> seeds, Map<Long, Token> tokens) {
        Ring ring = new Ring(range, seeds);
        AddressRange all = AddressRange.of(range);
        for (Map.Entry<Long, Token> e : tokens.entrySet()) {
            Token t = e.getValue();
            if (!all.contains(e.getKey()) || t.version() < 0 || t.free() < 0) {
                throw new IllegalArgumentException("ring token " + AddressRange.ip(e.getKey()) + " v" + t.version()
                        + " outside " + range + " or negative");
            }
            ring.tokens.put(e.getKey(), t);
        }
        if (!ring.tokens.containsKey(all.start())) {
            throw new IllegalArgumentException("ring has no token at the start of " + range);
        }
        return ring;
    }

    public static Ring decode(String text) {
        String[] lines = text.split("\n");
        if (lines.length < 3 || !lines[0].startsWith("range ") || !lines[1].startsWith("seeds")) {
            throw new IllegalArgumentException("malformed ring record");
        }
        Cidr range = Cidr.parseSubnet(lines[0].substring("range ".length()));
        List<PeerName> seeds = new ArrayList<>();
        for (String s : lines[1].substring("seeds".length()).trim().split(" ")) {
            if (!s.isEmpty()) {
                seeds.add(PeerName.parse(s));
            }
        }
        Ring ring = new Ring(range, seeds);
        for (int i = 2; i < lines.length; i++) {
            String[] f = lines[i].split(" ");
            if (f.length != 5 || !f[0].equals("token")) {
                throw new IllegalArgumentException("malformed ring token: " + lines[i]);
            }
            long start = dev.weft.weaveutil.addr.Ipv4.parse(f[1]).unsigned();
            if (!ring.contains(start)) {
                throw new IllegalArgumentException("ring token outside " + range + ": " + lines[i]);
            }
            ring.tokens.put(start, new Token(PeerName.parse(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4])));
        }
        if (!ring.tokens.containsKey(AddressRange.of(range).start())) {
            throw new IllegalArgumentException("ring has no token at the start of " + range);
        }
        return ring;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ring r && r.range.equals(range) && r.seeds.equals(seeds) && r.tokens.equals(tokens);
    }

    @Override
    public int hashCode() {
        return Objects.hash(range, seeds, tokens);
    }

    @Override
    public String toString() {
        return encode();
    }
}
