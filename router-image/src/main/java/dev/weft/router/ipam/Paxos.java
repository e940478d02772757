package dev.weft.router.ipam;

import dev.weft.router.identity.PeerName;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Single-decree Paxos over gossip (SPEC §5.3): the peers agree once on which peers share the range.
 *
 * <p>Every participant's acceptor state (its promise, and the proposal it accepted with its value) is
 * part of the gossip, so a proposer reads its promises and a learner its quorum straight from the
 * replicated knowledge instead of from replies. Only a node writes its own state, and that state only
 * grows (promise, then acceptance), so copies merge by taking the larger. An acceptor is a peer name
 * with the UID of one run: a restarted peer, which forgot what it promised, is a new acceptor.
 *
 * <p>Not thread-safe; the allocator's thread drives it.
 */
final class Paxos {

    /** One acceptor: a peer in one run. */
    record NodeId(PeerName name, long uid) implements Comparable<NodeId> {
        private static final Comparator<NodeId> ORDER = Comparator.comparing(NodeId::name)
                .thenComparingLong(NodeId::uid);

        @Override
        public int compareTo(NodeId o) {
            return ORDER.compare(this, o);
        }
    }

    /** A proposal number: a round, made unique by its proposer. */
    record Proposal(long round, NodeId proposer) implements Comparable<Proposal> {
        private static final Comparator<Proposal> ORDER = Comparator.comparingLong(Proposal::round)
                .thenComparing(Proposal::proposer);

        @Override
        public int compareTo(Proposal o) {
            return ORDER.compare(this, o);
        }
    }

    /** What one acceptor has done: the highest proposal it promised, and the one it accepted with its value. */
    record Acceptor(Proposal promised, Proposal accepted, List<PeerName> value) {
        static final Acceptor NOTHING = new Acceptor(null, null, List.of());

        Acceptor {
            value = List.copyOf(value);
        }

        boolean isLaterThan(Acceptor other) {
            int c = compare(promised, other.promised);
            return c != 0 ? c > 0 : compare(accepted, other.accepted) > 0;
        }
    }

    private final NodeId self;
    private final int quorum;
    private final TreeMap<NodeId, Acceptor> knowledge = new TreeMap<>();
    private Proposal ourProposal;

    Paxos(NodeId self, int quorum) {
        this.self = self;
        this.quorum = Math.max(1, quorum);
        knowledge.put(self, Acceptor.NOTHING);
    }

    NodeId self() {
        return self;
    }

    int quorum() {
        return quorum;
    }

    /** Every acceptor's state as this node knows it. */
    SortedMap<NodeId, Acceptor> knowledge() {
        return Collections.unmodifiableSortedMap(knowledge);
    }

    /** How many distinct peers take part (a restarted peer counts once here). */
    int knownPeers() {
        return (int) knowledge.keySet().stream().map(NodeId::name).distinct().count();
    }

    boolean isProposing() {
        return ourProposal != null;
    }

    /** Takes what others know; our own entry is ours alone. Returns whether anything changed. */
    boolean merge(Map<NodeId, Acceptor> incoming) {
        boolean changed = false;
        for (Map.Entry<NodeId, Acceptor> e : incoming.entrySet()) {
            if (e.getKey().equals(self)) {
                continue;
            }
            Acceptor known = knowledge.get(e.getKey());
            if (known == null || e.getValue().isLaterThan(known)) {
                knowledge.put(e.getKey(), e.getValue());
                changed = true;
            }
        }
        return changed;
    }

    /** Starts a new proposal above every round seen so far; this node promises it at once. */
    void propose() {
        long round = 0;
        for (Acceptor a : knowledge.values()) {
            if (a.promised() != null) {
                round = Math.max(round, a.promised().round());
            }
        }
        ourProposal = new Proposal(round + 1, self);
        Acceptor me = knowledge.get(self);
        knowledge.put(self, new Acceptor(ourProposal, me.accepted(), me.value()));
    }

    /**
     * Acts on the knowledge: as acceptor, promise the highest proposal seen and accept a proposal
     * accepted elsewhere that we promised; as proposer, once a quorum promised our proposal, accept it
     * with the value of the highest lower proposal accepted anywhere, else with every peer known now.
     * Returns whether our state changed (and should be gossiped).
     */
    boolean think() {
        Acceptor before = knowledge.get(self);
        Acceptor me = before;
        Proposal highest = me.promised();
        for (Acceptor a : knowledge.values()) {
            if (compare(a.promised(), highest) > 0) {
                highest = a.promised();
            }
        }
        if (compare(highest, me.promised()) > 0) {
            me = new Acceptor(highest, me.accepted(), me.value());
        }
        if (me.promised() != null && !me.promised().equals(me.accepted())) {
            for (Acceptor a : knowledge.values()) {
                if (me.promised().equals(a.accepted())) {
                    me = new Acceptor(me.promised(), a.accepted(), a.value());
                    break;
                }
            }
        }
        if (ourProposal != null && ourProposal.equals(me.promised()) && !ourProposal.equals(me.accepted())) {
            List<Acceptor> promisers = new ArrayList<>();
            knowledge.forEach((id, a) -> {
                if (ourProposal.equals(a.promised())) {
                    promisers.add(a);
                }
            });
            if (promisers.size() >= quorum) {
                // The highest acceptance below our proposal anywhere in the knowledge, not only among the
                // promisers: still safe (its value is the one every later proposal must carry), and it
                // also covers an acceptor that accepted, restarted and promised again as a new one.
                Acceptor prior = null;
                for (Acceptor a : knowledge.values()) {
                    if (a.accepted() != null && a.accepted().compareTo(ourProposal) < 0
                            && (prior == null || a.accepted().compareTo(prior.accepted()) > 0)) {
                        prior = a;
                    }
                }
                List<PeerName> value = prior != null ? prior.value()
                        : List.copyOf(new TreeSet<>(knowledge.keySet().stream().map(NodeId::name).toList()));
                me = new Acceptor(ourProposal, ourProposal, value);
            }
        }
        knowledge.put(self, me);
        return !me.equals(before);
    }

    /** The value a quorum of acceptors accepted under one proposal, once there is one. */
    Optional<List<PeerName>> decision() {
        Map<Proposal, Integer> counts = new HashMap<>();
        for (Acceptor a : knowledge.values()) {
            if (a.accepted() != null && counts.merge(a.accepted(), 1, Integer::sum) >= quorum) {
                return Optional.of(a.value());
            }
        }
        return Optional.empty();
    }

    private static int compare(Proposal a, Proposal b) {
        if (Objects.equals(a, b)) {
            return 0;
        }
        if (a == null) {
            return -1;
        }
        return b == null ? 1 : a.compareTo(b);
    }
}
