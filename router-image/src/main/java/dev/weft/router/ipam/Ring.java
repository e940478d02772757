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
     * Gives every range of {@code from} to {@code to} (which now counts them as wholly free) and
     * returns how many addresses changed hands.
     */
    public long transfer(PeerName from, PeerName to) {
        long moved = 0;
        for (Map.Entry<Long, Token> e : tokens.entrySet()) {
            if (e.getValue().owner().equals(from)) {
                long size = rangeAt(e.getKey()).size();
                e.setValue(e.getValue().transferredTo(to, size));
                moved += size;
            }
        }
        return moved;
    }

    /**
     * Merges a ring received from another peer into this one, keeping for each token the entry with
     * the higher version. Returns true when anything here changed.
     */
    public boolean merge(Ring received) throws RingMergeException {
        if (!received.range.equals(range)) {
            throw new RingMergeException("Incompatible IP allocation ranges (received: " + received.range
                    + ", ours: " + range + ")");
        }
        if (!received.seeds.equals(seeds)) {
            throw new RingMergeException("IP allocation was seeded by different peers (received: "
                    + names(received.seeds) + ", ours: " + names(seeds) + ")");
        }
        boolean changed = false;
        for (Map.Entry<Long, Token> e : received.tokens.entrySet()) {
            Token ours = tokens.get(e.getKey());
            if (ours == null || ours.version() < e.getValue().version()) {
                tokens.put(e.getKey(), e.getValue());
                changed = true;
            }
        }
        return changed;
    }

    private static String names(List<PeerName> peers) {
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
