package dev.weft.router.ipam;

import dev.weft.router.identity.PeerName;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * How this peer gets a ring when it has none ({@code --ipalloc-init}, SPEC §5.3): a consensus peer
 * runs {@link Paxos} with the others once someone needs the ring (or another peer's consensus
 * reaches it), a seeded peer builds its ring at start, an observer only waits for one.
 */
final class RingFormation {
    /** A proposal that has not led to a decision is renewed after this long (with jitter). */
    static final long PROPOSAL_RETRY_MILLIS = 4_000;

    private final IpallocInit init;
    private final Paxos.NodeId self;
    private final int quorum;
    private final Random random;
    private Paxos paxos;
    private boolean wanted;
    private boolean changed;
    private long nextProposalAt;

    RingFormation(IpallocInit init, Paxos.NodeId self, int targetCount, Random random) {
        this.init = init;
        this.self = self;
        this.quorum = init instanceof IpallocInit.Consensus c ? c.quorum(targetCount) : 0;
        this.random = random;
    }

    boolean isObserver() {
        return init instanceof IpallocInit.Observer;
    }

    boolean isConsensus() {
        return init instanceof IpallocInit.Consensus;
    }

    /** The seed list of {@code seed=...}, or null. */
    List<PeerName> seeds() {
        return init instanceof IpallocInit.Seed s ? s.peers() : null;
    }

    int quorum() {
        return quorum;
    }

    /** Whether someone waits for the ring (a request, {@code weave prime}, an observer's ask). */
    boolean isWanted() {
        return wanted;
    }

    /** Peers heard in the consensus so far, this one included; 1 before it starts. */
    int knownPeers() {
        return paxos == null ? 1 : paxos.knownPeers();
    }

    boolean isAgreeing() {
        return paxos != null;
    }

    /** Our acceptor states to gossip while agreeing, else empty. */
    Map<Paxos.NodeId, Paxos.Acceptor> knowledge() {
        return paxos == null ? Map.of() : paxos.knowledge();
    }

    /**
     * Someone needs the ring: a consensus peer starts proposing (it may decide at once when it is a
     * quorum alone). Returns the agreed peer list once there is one.
     */
    Optional<List<PeerName>> want(long now) {
        wanted = true;
        if (!isConsensus()) {
            return Optional.empty();
        }
        ensurePaxos();
        if (!paxos.isProposing()) {
            propose(now);
        }
        changed |= paxos.think();
        return paxos.decision();
    }

    /** Consensus knowledge from another peer: a consensus peer takes part as acceptor (and proposer if it wants the ring). */
    Optional<List<PeerName>> receive(Map<Paxos.NodeId, Paxos.Acceptor> knowledge) {
        if (!isConsensus() || knowledge.isEmpty()) {
            return Optional.empty();
        }
        ensurePaxos();
        changed |= paxos.merge(knowledge);
        changed |= paxos.think();
        return paxos.decision();
    }

    /** Renews a proposal that has not led to a decision in time. */
    Optional<List<PeerName>> tick(long now) {
        if (paxos == null || !wanted || now < nextProposalAt) {
            return Optional.empty();
        }
        propose(now);
        changed |= paxos.think();
        return paxos.decision();
    }

    /** Whether our consensus state changed since the last call (it must then be gossiped). */
    boolean takeChanged() {
        boolean result = changed;
        changed = false;
        return result;
    }

    /** The ring exists (agreed, received or seeded): the consensus is over. */
    void ringArrived() {
        paxos = null;
        wanted = false;
        changed = false;
    }

    private void ensurePaxos() {
        if (paxos == null) {
            paxos = new Paxos(self, quorum);
        }
    }

    private void propose(long now) {
        paxos.propose();
        changed = true;
        nextProposalAt = now + PROPOSAL_RETRY_MILLIS / 2 + (long) (random.nextDouble() * PROPOSAL_RETRY_MILLIS);
    }
}
