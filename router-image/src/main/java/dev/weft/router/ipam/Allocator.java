package dev.weft.router.ipam;

import dev.weft.router.identity.PeerName;
import dev.weft.router.mesh.Gossip;
import dev.weft.router.mesh.LocalOnlyMesh;
import dev.weft.router.mesh.Membership;
import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.addr.Ipv4;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This peer's IPAM state and rules: the ring, the spaces we own, who holds which address, the
 * requests still waiting, and what other peers tell us. Not thread-safe: one thread drives it (see
 * {@link Ipam}); the randomized multi-peer checker drives several directly. Every public operation
 * persists its changes (one transaction) before any waiting caller is answered or any peer told.
 */
final class Allocator {
    private static final Logger LOG = LoggerFactory.getLogger(Allocator.class);
    static final long DEATH_GRACE_MILLIS = 30_000;
    static final int CLAIM_ATTEMPTS = 5;

    private final IpamConfig config;
    private final PeerName us;
    private final IpamPersistence persistence;
    private final KnownPeers peers;
    private final Gossip gossip;
    private final Clock clock;
    private final RingFormation formation;
    private final SpaceRequests spaceRequests;
    private final LocalRing local;
    private final Owners owners;
    private final List<PendingRequest> pending = new ArrayList<>();
    private final List<CompletableFuture<Void>> ringWaiters = new ArrayList<>();
    private final Map<String, Long> releaseDeadlines = new LinkedHashMap<>();
    private final Answers answers = new Answers();
    private final Outbox outbox = new Outbox();
    private final Attempts attempts;
    private long nextRingRequestAt;
    /** After a reset (hand-over) this peer's IPAM takes no part any more, until the router restarts. */
    private boolean retired;

    /** A peer alone: no other peer is ever reachable (tests of single-host behaviour). */
    Allocator(IpamConfig config, IpamPersistence persistence) {
        this(config, persistence, new LocalOnlyMesh(config.ourName()), new LocalOnlyMesh(config.ourName())
                .channel("IPallocation", null), Clock.systemUTC(), new Random());
    }

    Allocator(IpamConfig config, IpamPersistence persistence, Membership membership, Gossip gossip, Clock clock,
              Random random) {
        this.config = config;
        this.us = config.ourName();
        this.persistence = persistence;
        this.gossip = gossip;
        this.clock = clock;
        this.formation = new RingFormation(config.init(), new Paxos.NodeId(us, random.nextLong()),
                config.targetCount(), random);
        this.spaceRequests = new SpaceRequests(random);
        IpamPersistence.Snapshot stored = persistence.load(us, config.range());
        owners = new Owners(stored.owners());
        peers = new KnownPeers(us, config.nickname(), membership, stored.nicknames());
        local = new LocalRing(config, peers, outbox, () -> owners.all().values(), stored.ring());
        attempts = new Attempts(config, local, owners, peers, spaceRequests, outbox, answers, clock);
        if (!local.exists() && formation.seeds() != null) {
            formRing(formation.seeds());
        }
        local.rebuildSpaces();
        settle();
    }

    // ---- requests -------------------------------------------------------------------------

    /** Allocates for {@code id} in {@code subnet}; the future completes once an address is recorded. */
    void allocate(String id, Cidr subnet, CompletableFuture<Cidr> result) {
        try {
            if (refusedAfterReset(result)) {
                return;
            }
            if (!subnet.overlaps(config.range())) {
                result.completeExceptionally(new IpamException("range " + subnet + " out of bounds: " + config.range()));
                return;
            }
            releaseDeadlines.remove(id);
            PendingRequest.Allocate request = new PendingRequest.Allocate(id, subnet, Owner.isContainerId(id), result);
            if (!attempts.tryAllocate(request)) {
                pending.add(request);
                establishRing();
            }
        } finally {
            settle();
        }
    }

    /** Records {@code cidr} as held by {@code id} (see SPEC §5.2); the future completes when settled. */
    void claim(String id, Cidr cidr, boolean noErrorOnUnknown, CompletableFuture<Void> result) {
        try {
            if (refusedAfterReset(result)) {
                return;
            }
            releaseDeadlines.remove(id);
            PendingRequest.Claim request = new PendingRequest.Claim(id, cidr, Owner.isContainerId(id), noErrorOnUnknown,
                    result);
            if (!attempts.tryClaim(request)) {
                pending.add(request);
                if (noErrorOnUnknown) {
                    answers.answer(result, null);
                }
                establishRing();
            }
        } finally {
            settle();
        }
    }

    /**
     * Like {@link #claim}, after taking the address from {@code deadHolder}, a container the engine
     * says is not running (its death may not have been processed yet), if it still holds it.
     */
    void claimFromDead(String id, Cidr cidr, String deadHolder, CompletableFuture<Void> result) {
        Owner holder = owners.get(deadHolder);
        if (holder != null && holder.isContainer()) {
            holder.cidrs().stream().filter(c -> c.address().equals(cidr.address())).findFirst().ifPresent(held -> {
                LOG.info("{} goes from {}, which is not running, to {}", cidr.address(), deadHolder, id);
                release(deadHolder, held);
            });
        }
        claim(id, cidr, false, result);
    }

    /** Completes once the ring exists, starting its initialisation if needed ({@code weave prime}). */
    void awaitRing(CompletableFuture<Void> result) {
        try {
            if (refusedAfterReset(result)) {
                return;
            }
            if (local.exists()) {
                answers.answer(result, null);
            } else {
                ringWaiters.add(result);
                establishRing();
            }
        } finally {
            settle();
        }
    }

    private boolean refusedAfterReset(CompletableFuture<?> result) {
        if (retired) {
            answers.fail(result, new IpamException("IPAM was reset on this peer (weave reset): restart the router to "
                    + "allocate again"));
        }
        return retired;
    }

    /** Ends a waiting request (the caller went away); no effect if it was already answered. */
    void cancel(CompletableFuture<?> result) {
        try {
            Iterator<PendingRequest> it = pending.iterator();
            while (it.hasNext()) {
                PendingRequest request = it.next();
                if (request.result() == result) {
                    it.remove();
                    answers.fail(request.result(), new RequestCancelledException("request cancelled"));
                }
            }
            if (ringWaiters.remove(result)) {
                answers.fail(result, new RequestCancelledException("request cancelled"));
            }
            forgetUnwantedSpace();
        } finally {
            settle();
        }
    }

    void free(String id, Ipv4 address) {
        try {
            Owner owner = owners.get(id);
            Cidr held = owner == null ? null
                    : owner.cidrs().stream().filter(c -> c.address().equals(address)).findFirst().orElse(null);
            if (held == null) {
                throw new IpamException("Free: address " + address + " not found for " + id);
            }
            release(id, held);
            retryPending();
        } finally {
            settle();
        }
    }

    void delete(String id) {
        try {
            if (!releaseAll(id)) {
                throw new IpamException("Delete: no addresses for " + id);
            }
            retryPending();
        } finally {
            settle();
        }
    }

    /** The addresses {@code id} holds inside {@code subnet}. */
    List<Cidr> lookup(String id, Cidr subnet) {
        return owners.within(id, subnet);
    }

    Map<String, Owner> owners() {
        return new LinkedHashMap<>(owners.all());
    }

    // ---- container lifetime ---------------------------------------------------------------

    void containerStarted(String id) {
        releaseDeadlines.remove(id);
    }

    /** The container's requests are cancelled; its addresses go after the grace period unless it comes back. */
    void containerDied(String id, long nowMillis) {
        try {
            cancelRequestsOf(id);
            if (owners.get(id) != null) {
                releaseDeadlines.put(id, nowMillis + DEATH_GRACE_MILLIS);
            }
        } finally {
            settle();
        }
    }

    void containerDestroyed(String id) {
        try {
            releaseDeadlines.remove(id);
            cancelRequestsOf(id);
            if (releaseAll(id)) {
                retryPending();
            }
        } finally {
            settle();
        }
    }

    /** Releases the addresses of containers dead for longer than the grace period. */
    void releaseExpired(long nowMillis) {
        try {
            boolean released = false;
            Iterator<Map.Entry<String, Long>> it = releaseDeadlines.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<String, Long> e = it.next();
                if (e.getValue() <= nowMillis) {
                    it.remove();
                    released |= releaseAll(e.getKey());
                }
            }
            if (released) {
                retryPending();
            }
        } finally {
            settle();
        }
    }

    Map<String, Long> releaseDeadlines() {
        return Collections.unmodifiableMap(releaseDeadlines);
    }

    /**
     * Start-up reconciliation: claims each live owner's addresses, and forgets stored container
     * owners that are not running any more.
     */
    void reconcile(Map<String, List<Cidr>> live) {
        try {
            for (String id : new ArrayList<>(owners.all().keySet())) {
                if (owners.get(id).isContainer() && !live.containsKey(id)) {
                    releaseAll(id);
                }
            }
            live.forEach((id, cidrs) -> cidrs.forEach(cidr -> {
                PendingRequest.Claim request = new PendingRequest.Claim(id, cidr, Owner.isContainerId(id), true,
                        new CompletableFuture<>());
                if (!attempts.tryClaim(request)) {
                    pending.add(request);
                    establishRing();
                }
            }));
            retryPending();
        } finally {
            settle();
        }
    }

    /**
     * The periodic work (every second): releases dead containers' addresses, renews a stalled
     * consensus proposal, asks again for space and for addresses owned elsewhere, and (observer) for a ring.
     */
    void tick() {
        if (retired) {
            return;
        }
        long now = clock.millis();
        releaseExpired(now);
        try {
            if (!local.exists()) {
                formation.tick(now).ifPresent(this::formRing);
                askForRing(now);
            }
            retryPending();
        } finally {
            settle();
        }
    }

    /** The mesh's reachable peers changed: space may be asked of new peers, an observer may ask for a ring. */
    void reachableChanged() {
        if (retired) {
            return;
        }
        try {
            peers.learn(Map.of());
            nextRingRequestAt = 0;
            if (!local.exists()) {
                askForRing(clock.millis());
            }
            retryPending();
        } finally {
            settle();
        }
    }

    // ---- peers ----------------------------------------------------------------------------

    /**
     * {@code DELETE /peer}: hands all our ranges to an heir (SPEC §5.4: a reachable owner, a reachable
     * IPAM peer, an unreachable owner, any known peer), tells the others, and forgets all local IPAM
     * data. Returns the heir.
     */
    Optional<PeerName> handOver() {
        try {
            Optional<PeerName> heir = local.exists() ? peers.heir(local.ring().owners()) : Optional.empty();
            for (PendingRequest request : pending) {
                answers.fail(request.result(), new RequestCancelledException("peer reset"));
            }
            pending.clear();
            heir.ifPresent(local::handOverTo);
            local.forget();
            owners.clear();
            peers.forget();
            releaseDeadlines.clear();
            spaceRequests.clear();
            formation.ringArrived();
            retired = true;
            persistence.wipe();
            return heir;
        } finally {
            settle();
        }
    }

    /**
     * {@code DELETE /peer/<name|nickname>}: takes over the ranges of a dead peer; returns how many
     * addresses. Throws {@link IpamException} for a peer nobody here has heard of, or one that is reachable.
     */
    long takeOver(String nameOrNickname) {
        try {
            PeerName dead = peers.resolve(nameOrNickname, local.exists() ? local.ring().owners() : List.of())
                    .orElseThrow(() -> new IpamException("unknown peer " + nameOrNickname
                            + ": no peer of that name or nickname is known here"));
            if (dead.equals(us)) {
                return 0;
            }
            if (peers.isReachable(dead)) {
                throw new IpamException("peer " + peers.label(dead) + " is reachable: rmpeer is only for peers that "
                        + "are gone for good");
            }
            long moved = local.takeOver(dead);
            if (moved > 0) {
                retryPending();
            }
            return moved;
        } finally {
            settle();
        }
    }

    // ---- gossip ---------------------------------------------------------------------------

    /** A message for this peer alone: a space request, a donor's reply, a ring request or a state. */
    void receiveUnicast(PeerName sender, IpamMessage message) throws RingMergeException {
        try {
            if (retired) {
                return;
            }
            if (message instanceof IpamMessage.SpaceRequest r) {
                local.donate(sender, r.wanted());
            } else if (message instanceof IpamMessage.SpaceReply r) {
                receiveState(r.state());
                if (!r.granted()) {
                    denied(sender, r.wanted());
                }
                retryPending();
            } else if (message instanceof IpamMessage.RingRequest) {
                if (local.exists()) {
                    outbox.unicast(sender, state());
                } else {
                    formation.want(clock.millis()).ifPresent(this::formRing);
                }
            } else if (message instanceof IpamMessage.State s) {
                receiveState(s);
            }
        } finally {
            settle();
        }
    }

    /** Another peer's state (gossip or broadcast); returns whether ours changed. */
    boolean receive(IpamMessage.State state) throws RingMergeException {
        try {
            return !retired && receiveState(state);
        } finally {
            settle();
        }
    }

    /** Our view as gossip: the ring once it exists, else our consensus knowledge. */
    IpamMessage.State state() {
        return local.state(formation.knowledge());
    }

    private boolean receiveState(IpamMessage.State state) throws RingMergeException {
        peers.heard(state.from());
        peers.learn(state.nicknames());
        if (state.ring() != null) {
            return mergeRing(state.ring(), state.from());
        }
        if (state.paxos().isEmpty()) {
            return false;
        }
        if (local.exists()) {
            outbox.unicast(state.from(), state());
            return false;
        }
        formation.receive(state.paxos()).ifPresent(this::formRing);
        return formation.takeChanged() && sendConsensus();
    }

    private boolean sendConsensus() {
        outbox.broadcast(state());
        return true;
    }

    private boolean mergeRing(Ring received, PeerName from) throws RingMergeException {
        LocalRing.Merged merged = local.merge(received, from);
        if (merged == LocalRing.Merged.ADOPTED) {
            formation.ringArrived();
            ringFormed();
        } else if (merged == LocalRing.Merged.CHANGED) {
            retryPending();
        }
        return merged != LocalRing.Merged.NOTHING;
    }

    /** A donor's ring is merged; if it refused, the requests it could not serve look elsewhere or fail. */
    private void denied(PeerName donor, AddressRange wanted) {
        long now = clock.millis();
        spaceRequests.denied(wanted, donor, now);
        if (wanted.size() == 1 && local.exists() && donor.equals(local.ring().owner(wanted.start()))) {
            for (PendingRequest request : pending) {
                if (request instanceof PendingRequest.Claim c && c.cidr().address().unsigned() == wanted.start()) {
                    c.deniedBy = donor;
                }
            }
        }
    }

    // ---- status ---------------------------------------------------------------------------

    IpamSnapshot snapshot() {
        return StatusView.snapshot(config, local, formation, peers, pending, waitReason());
    }

    /** One line saying what the oldest waiting request waits for, or empty when nothing waits. */
    String waitReason() {
        if (pending.isEmpty() && ringWaiters.isEmpty()) {
            return "";
        }
        return WaitReasons.of(local.ring(), formation, peers, spaceRequests, pending, clock.millis());
    }

    boolean hasRing() {
        return local.exists();
    }

    // ---- internals ------------------------------------------------------------------------

    private void establishRing() {
        if (local.exists()) {
            return;
        }
        formation.want(clock.millis()).ifPresent(this::formRing);
        if (formation.takeChanged()) {
            sendConsensus();
        }
        askForRing(clock.millis());
    }

    /** An observer without a ring asks every reachable peer for one, every 5 s while it is wanted. */
    private void askForRing(long now) {
        if (formation.takeChanged()) {
            sendConsensus();
        }
        if (!formation.isObserver() || !formation.isWanted() || now < nextRingRequestAt) {
            return;
        }
        for (PeerName peer : peers.reachable()) {
            outbox.unicast(peer, new IpamMessage.RingRequest());
        }
        nextRingRequestAt = now + SpaceRequests.RETRY_MILLIS;
    }

    private void formRing(List<PeerName> agreed) {
        if (local.exists()) {
            return;
        }
        local.form(agreed);
        formation.ringArrived();
        ringFormed();
    }

    private void ringFormed() {
        ringWaiters.forEach(w -> answers.answer(w, null));
        ringWaiters.clear();
        retryPending();
    }

    private void retryPending() {
        boolean progress = true;
        while (progress) {
            progress = false;
            Iterator<PendingRequest> it = pending.iterator();
            while (it.hasNext()) {
                PendingRequest request = it.next();
                boolean done = request instanceof PendingRequest.Allocate a ? attempts.tryAllocate(a)
                        : attempts.tryClaim((PendingRequest.Claim) request);
                if (done) {
                    it.remove();
                    progress = true;
                    break;
                }
            }
        }
        forgetUnwantedSpace();
    }

    private void forgetUnwantedSpace() {
        Set<AddressRange> wanted = new HashSet<>();
        for (PendingRequest request : pending) {
            if (request instanceof PendingRequest.Allocate a && a.wanted != null) {
                wanted.add(a.wanted);
            }
        }
        spaceRequests.retainOnly(wanted);
    }

    private void release(String id, Cidr cidr) {
        owners.remove(id, cidr);
        long address = cidr.address().unsigned();
        Space space = local.spaces().spaceFor(address);
        if (space != null && owners.holderOf(cidr.address()) == null) {
            space.markFree(address);
            local.reportFree();
        }
    }

    private boolean releaseAll(String id) {
        Owner owner = owners.get(id);
        if (owner == null) {
            return false;
        }
        owner.cidrs().forEach(c -> release(id, c));
        return true;
    }

    private void cancelRequestsOf(String id) {
        Iterator<PendingRequest> it = pending.iterator();
        while (it.hasNext()) {
            PendingRequest request = it.next();
            if (request.id().equals(id)) {
                it.remove();
                answers.fail(request.result(), new RequestCancelledException("owner " + id + " died"));
            }
        }
        forgetUnwantedSpace();
    }

    /**
     * Persists what changed (ring, owners and nicknames in one transaction), then tells the other
     * peers and answers the callers: nobody hears of a change the disk does not hold.
     */
    private void settle() {
        try {
            persistence.save(local.ring(), local.takeDirty(), owners.drainChanges(), peers.drainChangedNicknames());
        } catch (RuntimeException e) {
            IpamException failure = new IpamException("cannot save IPAM data: " + e.getMessage());
            outbox.discard();
            answers.failAll(failure);
            throw failure;
        }
        outbox.flush(gossip);
        answers.deliver();
    }
}
