package dev.weft.router.ipam;

import dev.weft.router.identity.PeerName;

import java.util.ArrayList;
import java.util.List;

/** How the ring comes to exist ({@code --ipalloc-init}): consensus, a fixed seed list, or observer. */
public sealed interface IpallocInit {

    /** Agree with other peers; {@code expectedPeers} is N of {@code consensus=N}, or null. */
    record Consensus(Integer expectedPeers) implements IpallocInit {
        /** N/2+1 with N given, otherwise (targets+1)/2+1. */
        public int quorum(int targetCount) {
            return expectedPeers != null ? expectedPeers / 2 + 1 : (targetCount + 1) / 2 + 1;
        }
    }

    /** The ring is split among these peers at start, without agreement. */
    record Seed(List<PeerName> peers) implements IpallocInit {
        public Seed {
            peers = List.copyOf(peers);
        }
    }

    /** Never votes; gets space from others. */
    record Observer() implements IpallocInit {}

    IpallocInit DEFAULT = new Consensus(null);

    /** Parses {@code consensus}, {@code consensus=N}, {@code seed=<name>,...} or {@code observer}; empty means consensus. */
    static IpallocInit parse(String text) {
        if (text == null || text.isEmpty() || text.equals("consensus")) {
            return DEFAULT;
        }
        if (text.equals("observer")) {
            return new Observer();
        }
        if (text.startsWith("consensus=")) {
            String n = text.substring("consensus=".length());
            if (n.isEmpty() || n.length() > 9 || !n.chars().allMatch(Character::isDigit) || Integer.parseInt(n) < 1) {
                throw new IllegalArgumentException("invalid --ipalloc-init consensus peer count: " + n);
            }
            return new Consensus(Integer.parseInt(n));
        }
        if (text.startsWith("seed=")) {
            List<PeerName> peers = new ArrayList<>();
            for (String name : text.substring("seed=".length()).split(",", -1)) {
                try {
                    peers.add(PeerName.parse(name.trim()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("invalid --ipalloc-init seed peer name: \"" + name + "\"");
                }
            }
            return new Seed(peers);
        }
        throw new IllegalArgumentException("invalid --ipalloc-init mode: \"" + text
                + "\" (expected consensus[=N], seed=<name>,... or observer)");
    }
}
