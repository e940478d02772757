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
    private final Spaces spaces = new Spaces();
    private final Owners owners;
    private final List<PendingRequest> pending = new ArrayList<>();
    private final List<CompletableFuture<Void>> ringWaiters = new ArrayList<>();
    private final Map<String, Long> releaseDeadlines = new LinkedHashMap<>();
    private final Answers answers = new Answers();
    private final Outbox outbox = new Outbox();
    private Ring ring;
    private boolean ringDirty;
    private long nextRingRequestAt;
    private SeedConflict seedConflict;
    /** After a reset (hand-over) this peer's IPAM takes no part any more, until the router restarts. */
    private boolean retired;

    /** Two rings seeded differently met, and this peer could not join the other (it holds addresses). */
    record SeedConflict(PeerName from, List<PeerName> theirs, List<PeerName> ours) {}

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
        ring = stored.ring();
        if (ring == null && formation.seeds() != null) {
            formRing(formation.seeds());
        }
        rebuildSpaces();
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
            if (!tryAllocate(request)) {
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
            if (!tryClaim(request)) {
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
            if (ring != null) {
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
                if (!tryClaim(request)) {
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
            if (ring == null) {
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
            if (ring == null) {
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
            Optional<PeerName> heir = ring == null ? Optional.empty() : chooseHeir();
            for (PendingRequest request : pending) {
                answers.fail(request.result(), new RequestCancelledException("peer reset"));
            }
            pending.clear();
            if (heir.isPresent()) {
                long moved = ring.transfer(us, heir.get());
                LOG.info("reset: {} IPs handed over to {}", moved, peers.label(heir.get()));
                outbox.broadcast(state());
            }
            ring = null;
            spaces.rebuild(null, us, List.of());
            owners.clear();
            peers.forget();
            releaseDeadlines.clear();
            spaceRequests.clear();
            formation.ringArrived();
            seedConflict = null;
            ringDirty = false;
            retired = true;
            persistence.wipe();
            return heir;
        } finally {
            settle();
        }
    }

    private Optional<PeerName> chooseHeir() {
        Set<PeerName> reachable = peers.reachable();
        List<PeerName> owned = new ArrayList<>(ring.owners());
        owned.remove(us);
        Optional<PeerName> heir = owned.stream().filter(reachable::contains).findFirst();
        if (heir.isEmpty()) {
            heir = peers.heardFrom().stream().filter(reachable::contains).findFirst();
        }
        if (heir.isEmpty()) {
            heir = owned.stream().findFirst();
        }
        if (heir.isEmpty()) {
            heir = peers.known().stream().filter(p -> !p.equals(us)).findFirst()
                    .or(() -> reachable.stream().findFirst());
        }
        return heir;
    }

    /**
     * {@code DELETE /peer/<name|nickname>}: takes over the ranges of a dead peer; returns how many
     * addresses. Throws {@link IpamException} for a peer nobody here has heard of, or one that is reachable.
     */
    long takeOver(String nameOrNickname) {
        try {
            PeerName dead = peers.resolve(nameOrNickname, ring == null ? List.of() : ring.owners())
                    .orElseThrow(() -> new IpamException("unknown peer " + nameOrNickname
                            + ": no peer of that name or nickname is known here"));
            if (dead.equals(us) || ring == null) {
                return 0;
            }
            if (peers.isReachable(dead)) {
                throw new IpamException("peer " + peers.label(dead) + " is reachable: rmpeer is only for peers that "
                        + "are gone for good");
            }
            long moved = ring.takeOver(dead, us);
            if (moved > 0) {
                LOG.info("rmpeer: took over {} IPs from {}", moved, peers.label(dead));
                ringDirty = true;
                rebuildSpaces();
                outbox.broadcast(state());
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
                donate(sender, r.wanted());
            } else if (message instanceof IpamMessage.SpaceReply r) {
                receiveState(r.state());
                if (!r.granted()) {
                    denied(sender, r.wanted());
                }
                retryPending();
            } else if (message instanceof IpamMessage.RingRequest) {
                if (ring != null) {
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
        return new IpamMessage.State(us, ring == null ? null : ring.copy(), ring == null ? formation.knowledge()
                : Map.of(), peers.nicknames());
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
        if (ring != null) {
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
        if (!received.range().equals(config.range())) {
            throw new RingMergeException("Incompatible IP allocation ranges (received: " + received.range()
                    + ", ours: " + config.range() + ")");
        }
        if (ring == null) {
            ring = received.copy();
            LOG.info("IPAM ring received from {} (seeded by {})", peers.label(from), Ring.names(ring.seeds()));
            ringDirty = true;
            formation.ringArrived();
            rebuildSpaces();
            ringFormed();
            return true;
        }
        if (!received.seeds().equals(ring.seeds())) {
            return seedsDiffer(received, from);
        }
        RingMerge.Outcome outcome = ring.merge(received, us, spaces);
        if (seedConflict != null && seedConflict.from().equals(from)) {
            seedConflict = null;
        }
        if (outcome.changed()) {
            ringDirty = true;
            rebuildSpaces();
            retryPending();
        }
        if (outcome.reasserted()) {
            outbox.broadcast(state());
        }
        return outcome.changed();
    }

    /**
     * Two rings seeded by different peers met ("seeded by different peers"). A peer holding no
     * addresses joins the ring every peer prefers (one with allocations over one without, then the
     * lower seed list) by itself; one holding addresses refuses, and the status says how to fix it.
     */
    private boolean seedsDiffer(Ring received, PeerName from) throws RingMergeException {
        boolean weHold = spaces.usedCount() > 0;
        boolean theirsPreferred = received.hasAllocations() != ring.hasAllocations() ? received.hasAllocations()
                : Ring.compareSeeds(received.seeds(), ring.seeds()) < 0;
        if (!weHold && theirsPreferred) {
            LOG.info("IP allocation was seeded by different peers (received: {} from {}, ours: {}); this peer holds "
                    + "no addresses in the range, so it joins the ring seeded by {}", Ring.names(received.seeds()),
                    peers.label(from), Ring.names(ring.seeds()), Ring.names(received.seeds()));
            ring = received.copy();
            ringDirty = true;
            seedConflict = null;
            rebuildSpaces();
            outbox.broadcast(state());
            retryPending();
            return true;
        }
        if (!weHold) {
            outbox.unicast(from, state());
            return false;
        }
        seedConflict = new SeedConflict(from, received.seeds(), ring.seeds());
        throw new RingMergeException("IP allocation was seeded by different peers (received: "
                + Ring.names(received.seeds()) + ", ours: " + Ring.names(ring.seeds()) + ")");
    }

    /** A donor's ring is merged; if it refused, the requests it could not serve look elsewhere or fail. */
    private void denied(PeerName donor, AddressRange wanted) {
        long now = clock.millis();
        spaceRequests.denied(wanted, donor, now);
        if (wanted.size() == 1 && ring != null && donor.equals(ring.owner(wanted.start()))) {
            for (PendingRequest request : pending) {
                if (request instanceof PendingRequest.Claim c && c.cidr().address().unsigned() == wanted.start()) {
                    c.deniedBy = donor;
                }
            }
        }
    }

    /** Another peer asks for space: give it what the rules allow, or refuse; either way it gets our ring. */
    private void donate(PeerName to, AddressRange wanted) {
        if (ring == null || to.equals(us)) {
            outbox.unicast(to, new IpamMessage.SpaceReply(wanted, false, state()));
            return;
        }
        AddressRange block;
        if (wanted.size() == 1) {
            Space space = spaces.spaceFor(wanted.start());
            block = space != null && !space.isUsed(wanted.start()) ? wanted : new AddressRange(0, 0);
        } else {
            block = spaces.donation(wanted);
        }
        if (block.isEmpty()) {
            outbox.unicast(to, new IpamMessage.SpaceReply(wanted, false, state()));
            return;
        }
        ring.give(block, to);
        ringDirty = true;
        rebuildSpaces();
        LOG.info("gave {} ({} IPs) to {}", block, block.size(), peers.label(to));
        IpamMessage.State ours = state();
        outbox.unicast(to, new IpamMessage.SpaceReply(wanted, true, ours));
        outbox.broadcast(ours);
    }

    // ---- status ---------------------------------------------------------------------------

    IpamSnapshot snapshot() {
        List<IpamSnapshot.PendingClaim> claims = new ArrayList<>();
        List<String> allocates = new ArrayList<>();
        for (PendingRequest request : pending) {
            if (request instanceof PendingRequest.Claim c) {
                claims.add(new IpamSnapshot.PendingClaim(c.id(), c.cidr().address().toString()));
            } else {
                allocates.add(request.id());
            }
        }
        Set<PeerName> reachable = peers.reachable();
        Map<PeerName, String> nicknames = new LinkedHashMap<>();
        if (ring != null) {
            ring.owners().forEach(p -> nicknames.put(p, peers.nickname(p)));
        }
        String conflict = seedConflict == null ? null : "IP allocation was seeded by different peers (received: "
                + Ring.names(seedConflict.theirs()) + " from " + peers.label(seedConflict.from()) + ", ours: "
                + Ring.names(seedConflict.ours()) + "); this peer holds addresses, so it cannot join the other ring. "
                + "Fix: on every peer of one of the two rings, stop its containers and run `weave reset`, then "
                + "`weave launch` it again";
        return new IpamSnapshot(config, ring == null ? null : ring.copy(), spaces.usedCount(), statusText(),
                formation.isAgreeing() && ring == null, formation.isConsensus() ? formation.quorum() : null,
                formation.knownPeers(), claims, allocates, reachable, nicknames, waitReason(), conflict);
    }

    private String statusText() {
        if (ring == null) {
            if (formation.isObserver()) {
                return "priming";
            }
            return formation.isAgreeing() ? "awaiting consensus (quorum: " + formation.quorum() + ", known: "
                    + formation.knownPeers() + ")" : "idle";
        }
        if (spaces.isEmpty() && ring.owners().stream().noneMatch(peers::isReachable)) {
            return "all IP ranges owned by unreachable peers - use 'rmpeer' if they are dead";
        }
        return pending.isEmpty() ? "ready" : "waiting for IP(s) to become available";
    }

    /** One line saying what the oldest waiting request waits for, or empty when nothing waits. */
    String waitReason() {
        if (pending.isEmpty() && ringWaiters.isEmpty()) {
            return "";
        }
        return WaitReasons.of(ring, formation, peers, spaceRequests, pending, clock.millis());
    }

    boolean hasRing() {
        return ring != null;
    }

    // ---- internals ------------------------------------------------------------------------

    private void establishRing() {
        if (ring != null) {
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
        if (ring != null) {
            return;
        }
        ring = Ring.dividedAmong(config.range(), agreed);
        LOG.info("IPAM ring formed, seeded by {}", Ring.names(ring.seeds()));
        ringDirty = true;
        formation.ringArrived();
        rebuildSpaces();
        outbox.broadcast(state());
        ringFormed();
    }

    private void ringFormed() {
        ringWaiters.forEach(w -> answers.answer(w, null));
        ringWaiters.clear();
        retryPending();
    }

    /** One space per range we own, with the addresses our owners hold in it marked used. */
    private void rebuildSpaces() {
        spaces.rebuild(ring, us, owners.all().values());
        if (ring != null) {
            ringDirty |= spaces.reportFree(ring);
            peers.remember(ring.owners());
        }
    }

    private void retryPending() {
        boolean progress = true;
        while (progress) {
            progress = false;
            Iterator<PendingRequest> it = pending.iterator();
            while (it.hasNext()) {
                PendingRequest request = it.next();
                boolean done = request instanceof PendingRequest.Allocate a ? tryAllocate(a)
                        : tryClaim((PendingRequest.Claim) request);
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

    /** True when the request is answered (an address given, or refused), false when it must wait. */
    private boolean tryAllocate(PendingRequest.Allocate request) {
        if (!request.id().equals(Owner.NO_ID)) {
            List<Cidr> existing = lookup(request.id(), request.subnet());
            if (!existing.isEmpty()) {
                answers.answer(request.result(), existing.get(0).withPrefix(request.subnet().prefixLength()));
                return true;
            }
        }
        AddressRange hosts = AddressRange.hostsOf(request.subnet()).intersect(AddressRange.of(config.range()));
        if (hosts.isEmpty()) {
            answers.fail(request.result(), new IpamException("no allocatable IP address in " + request.subnet()
                    + (request.subnet().prefixLength() >= 31 ? ": a /31 or /32 subnet has no host addresses"
                    : " inside the allocation range " + config.range())));
            return true;
        }
        if (ring == null) {
            return false;
        }
        long address = spaces.allocateLowest(hosts);
        if (address >= 0) {
            ringDirty |= spaces.reportFree(ring);
            Cidr cidr = Cidr.of(AddressRange.ip(address), request.subnet().prefixLength());
            String id = request.id().equals(Owner.NO_ID) ? cidr.address().toString() : request.id();
            owners.add(id, request.isContainer(), cidr);
            answers.answer(request.result(), cidr);
            return true;
        }
        if (ring.ownersWithin(hosts).equals(List.of(us))) {
            answers.fail(request.result(), new IpamException("no free IP address in " + request.subnet() + ": all "
                    + hosts.size() + " addresses are in use, and no other peer holds any of them"));
            return true;
        }
        request.wanted = hosts;
        askForSpace(hosts);
        return false;
    }

    private void askForSpace(AddressRange wanted) {
        long now = clock.millis();
        if (!spaceRequests.isDue(wanted, now)) {
            return;
        }
        PeerName donor = spaceRequests.chooseDonor(ring, wanted, peers.reachable(), now);
        if (donor != null) {
            outbox.unicast(donor, new IpamMessage.SpaceRequest(wanted));
        }
        spaceRequests.asked(wanted, donor, now);
    }

    /** True when the claim is settled (recorded or refused), false when it must wait. */
    private boolean tryClaim(PendingRequest.Claim request) {
        Cidr cidr = request.cidr();
        long address = cidr.address().unsigned();
        String id = request.id().equals(Owner.NO_ID) ? cidr.address().toString() : request.id();
        if (!config.range().contains(cidr.address())) {
            String holder = owners.holderOf(cidr.address());
            if (holder != null && !holder.equals(id)) {
                answers.fail(request.result(), new AddressInUseException("address " + cidr.address()
                        + " already in use by " + holder, holder));
            } else {
                if (holder == null) {
                    owners.add(id, request.isContainer(), cidr);
                }
                answers.answer(request.result(), null);
            }
            return true;
        }
        if (ring == null) {
            return false;
        }
        PeerName peer = ring.owner(address);
        if (!peer.equals(us)) {
            return claimElsewhere(request, peer);
        }
        Space space = spaces.spaceFor(address);
        if (space.isUsed(address)) {
            String holder = owners.holderOf(cidr.address());
            if (holder != null && !holder.equals(id)) {
                answers.fail(request.result(), new AddressInUseException("address " + cidr.address()
                        + " is already owned by " + holder, holder));
                return true;
            }
        } else {
            space.markUsed(address);
            ringDirty |= spaces.reportFree(ring);
            owners.add(id, request.isContainer(), cidr);
        }
        answers.answer(request.result(), null);
        return true;
    }

    /**
     * The address lies in another peer's range: ask that peer for it (once every 5 s). Refused by its
     * owner, or after {@value #CLAIM_ATTEMPTS} attempts without getting it, the claim fails.
     */
    private boolean claimElsewhere(PendingRequest.Claim request, PeerName owner) {
        long now = clock.millis();
        if (owner.equals(request.deniedBy) || (request.attempts >= CLAIM_ATTEMPTS && now >= request.nextAttemptAt)) {
            answers.fail(request.result(), new IpamException("address " + request.cidr().address()
                    + " is owned by other peer " + owner + " (" + peers.nickname(owner) + ")"));
            return true;
        }
        if (now >= request.nextAttemptAt) {
            request.attempts++;
            request.nextAttemptAt = now + SpaceRequests.RETRY_MILLIS;
            if (peers.isReachable(owner)) {
                long address = request.cidr().address().unsigned();
                outbox.unicast(owner, new IpamMessage.SpaceRequest(new AddressRange(address, address + 1)));
            }
        }
        return false;
    }

    private void release(String id, Cidr cidr) {
        owners.remove(id, cidr);
        long address = cidr.address().unsigned();
        Space space = spaces.spaceFor(address);
        if (space != null && owners.holderOf(cidr.address()) == null) {
            space.markFree(address);
            ringDirty |= spaces.reportFree(ring);
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
            persistence.save(ring, ringDirty, owners.drainChanges(), peers.drainChangedNicknames());
        } catch (RuntimeException e) {
            IpamException failure = new IpamException("cannot save IPAM data: " + e.getMessage());
            outbox.discard();
            answers.failAll(failure);
            throw failure;
        }
        ringDirty = false;
        outbox.flush(gossip);
        answers.deliver();
    }
}
