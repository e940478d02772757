package dev.weft.router.ipam;

import dev.weft.router.identity.PeerName;

import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.addr.Ipv4;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * This peer's IPAM state and rules: the ring, the spaces we own, who holds which address, and the
 * requests still waiting. Not thread-safe: one thread drives it (see {@link Ipam}). Every public
 * operation persists its changes before any waiting caller is answered.
 */
final class Allocator {
    static final long DEATH_GRACE_MILLIS = 30_000;

    private final IpamConfig config;
    private final IpamPersistence persistence;
    private Ring ring;
    private final TreeMap<Long, Space> spaces = new TreeMap<>();
    private final Owners owners;
    private final List<PendingRequest> pending = new ArrayList<>();
    private final List<CompletableFuture<Void>> ringWaiters = new ArrayList<>();
    private final Map<String, Long> releaseDeadlines = new LinkedHashMap<>();
    private boolean consensusStarted;

    private boolean ringDirty;
    private final Answers answers = new Answers();

    Allocator(IpamConfig config, IpamPersistence persistence) {
        this.config = config;
        this.persistence = persistence;
        IpamPersistence.Snapshot stored = persistence.load(config.ourName(), config.range());
        owners = new Owners(stored.owners());
        ring = stored.ring();
        if (ring == null && config.init() instanceof IpallocInit.Seed seed) {
            formRing(seed.peers());
        }
        rebuildSpaces();
        settle();
    }

    // ---- requests -------------------------------------------------------------------------

    /** Allocates for {@code id} in {@code subnet}; the future completes once an address is recorded. */
    void allocate(String id, Cidr subnet, CompletableFuture<Cidr> result) {
        try {
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

    /** Completes once the ring exists, starting its initialisation if needed ({@code weave prime}). */
    void awaitRing(CompletableFuture<Void> result) {
        try {
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

    // ---- peers ----------------------------------------------------------------------------

    /**
     * {@code DELETE /peer}: hands all our ranges to an heir (another owner in the ring, if any) and
     * forgets all local IPAM data. Returns the heir.
     */
    Optional<PeerName> handOver() {
        try {
            Optional<PeerName> heir = ring == null ? Optional.empty()
                    : ring.owners().stream().filter(p -> !p.equals(config.ourName())).findFirst();
            for (PendingRequest request : pending) {
                answers.fail(request.result(), new RequestCancelledException("peer reset"));
            }
            pending.clear();
            heir.ifPresent(h -> ring.transfer(config.ourName(), h));
            if (heir.isEmpty()) {
                ring = null;
            }
            spaces.clear();
            owners.clear();
            releaseDeadlines.clear();
            ringDirty = false;
            consensusStarted = false;
            persistence.wipe();
            return heir;
        } finally {
            settle();
        }
    }

    /** {@code DELETE /peer/<name|nickname>}: takes over that peer's ranges; returns how many addresses. */
    long takeOver(String nameOrNickname) {
        try {
            if (ring == null || nameOrNickname.equals(config.nickname())) {
                return 0;
            }
            PeerName dead;
            try {
                dead = PeerName.parse(nameOrNickname);
            } catch (IllegalArgumentException e) {
                return 0;
            }
            if (dead.equals(config.ourName())) {
                return 0;
            }
            long moved = ring.transfer(dead, config.ourName());
            if (moved > 0) {
                ringDirty = true;
                rebuildSpaces();
                retryPending();
            }
            return moved;
        } finally {
            settle();
        }
    }

    /** Merges a ring gossiped by another peer (for the mesh to come). */
    void receiveRing(Ring received) throws RingMergeException {
        try {
            if (ring == null) {
                if (!received.range().equals(config.range())) {
                    throw new RingMergeException("Incompatible IP allocation ranges (received: " + received.range()
                            + ", ours: " + config.range() + ")");
                }
                ring = received.copy();
            } else if (!ring.merge(received)) {
                return;
            }
            ringDirty = true;
            rebuildSpaces();
            ringFormed();
        } finally {
            settle();
        }
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
        long active = spaces.values().stream().mapToLong(Space::usedCount).sum();
        Integer quorum = config.init() instanceof IpallocInit.Consensus c ? c.quorum(config.targetCount()) : null;
        return new IpamSnapshot(config, ring == null ? null : ring.copy(), active, statusText(quorum),
                consensusStarted && ring == null, quorum, claims, allocates);
    }

    private String statusText(Integer quorum) {
        if (ring == null) {
            if (config.init() instanceof IpallocInit.Observer) {
                return "priming";
            }
            return consensusStarted ? "awaiting consensus (quorum: " + quorum + ", known: 1)" : "idle";
        }
        if (ring.rangesOwnedBy(config.ourName()).isEmpty()) {
            return "all IP ranges owned by unreachable peers - use 'rmpeer' if they are dead";
        }
        return pending.isEmpty() ? "ready" : "waiting for IP(s) to become available";
    }

    boolean hasRing() {
        return ring != null;
    }

    // ---- internals ------------------------------------------------------------------------

    private void establishRing() {
        if (ring != null) {
            return;
        }
        if (config.init() instanceof IpallocInit.Seed seed) {
            formRing(seed.peers());
        } else if (config.init() instanceof IpallocInit.Consensus consensus) {
            consensusStarted = true;
            // Alone, the vote is decided as soon as one voice is a quorum; otherwise the mesh must agree.
            if (consensus.quorum(config.targetCount()) <= 1) {
                formRing(List.of(config.ourName()));
            }
        }
        // An observer waits for a ring from others.
    }

    private void formRing(List<PeerName> peers) {
        ring = Ring.dividedAmong(config.range(), peers);
        ringDirty = true;
        rebuildSpaces();
        ringFormed();
    }

    private void ringFormed() {
        ringWaiters.forEach(w -> answers.answer(w, null));
        ringWaiters.clear();
        retryPending();
    }

    /** One space per range we own, with the addresses our owners hold in it marked used. */
    private void rebuildSpaces() {
        spaces.clear();
        if (ring == null) {
            return;
        }
        for (AddressRange range : ring.rangesOwnedBy(config.ourName())) {
            spaces.put(range.start(), new Space(range));
        }
        for (Owner owner : owners.all().values()) {
            for (Cidr cidr : owner.cidrs()) {
                Space space = spaceFor(cidr.address().unsigned());
                if (space != null) {
                    space.markUsed(cidr.address().unsigned());
                }
            }
        }
        spaces.values().forEach(this::reportFree);
    }

    private Space spaceFor(long address) {
        Map.Entry<Long, Space> e = spaces.floorEntry(address);
        return e != null && e.getValue().range().contains(address) ? e.getValue() : null;
    }

    private void reportFree(Space space) {
        long before = ring.tokens().get(space.range().start()).free();
        ring.reportFree(space.range().start(), space.free());
        ringDirty |= before != space.free();
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
    }

    /** True when the request is answered (an address given), false when it must wait. */
    private boolean tryAllocate(PendingRequest.Allocate request) {
        if (!request.id().equals(Owner.NO_ID)) {
            List<Cidr> existing = lookup(request.id(), request.subnet());
            if (!existing.isEmpty()) {
                answers.answer(request.result(), existing.get(0).withPrefix(request.subnet().prefixLength()));
                return true;
            }
        }
        if (ring == null) {
            return false;
        }
        AddressRange hosts = AddressRange.hostsOf(request.subnet());
        for (Space space : spaces.values()) {
            long address = space.allocateLowest(hosts);
            if (address >= 0) {
                reportFree(space);
                Cidr cidr = Cidr.of(AddressRange.ip(address), request.subnet().prefixLength());
                String id = request.id().equals(Owner.NO_ID) ? cidr.address().toString() : request.id();
                owners.add(id, request.isContainer(), cidr);
                answers.answer(request.result(), cidr);
                return true;
            }
        }
        return false;
    }

    /** True when the claim is settled (recorded or refused), false when it must wait for the ring. */
    private boolean tryClaim(PendingRequest.Claim request) {
        Cidr cidr = request.cidr();
        long address = cidr.address().unsigned();
        String id = request.id().equals(Owner.NO_ID) ? cidr.address().toString() : request.id();
        if (!config.range().contains(cidr.address())) {
            String holder = owners.holderOf(cidr.address());
            if (holder != null && !holder.equals(id)) {
                answers.fail(request.result(), new IpamException("address " + cidr.address() + " already in use by " + holder));
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
        if (!peer.equals(config.ourName())) {
            // No other peer is reachable yet (the mesh comes later), so asking it for the address cannot succeed.
            answers.fail(request.result(), new IpamException("address " + cidr.address() + " is owned by other peer "
                    + peer + " (" + nicknameOf(peer) + ")"));
            return true;
        }
        Space space = spaceFor(address);
        if (space.isUsed(address)) {
            String holder = owners.holderOf(cidr.address());
            if (holder != null && !holder.equals(id)) {
                answers.fail(request.result(), new IpamException("address " + cidr.address() + " is already owned by " + holder));
                return true;
            }
        } else {
            space.markUsed(address);
            reportFree(space);
            owners.add(id, request.isContainer(), cidr);
        }
        answers.answer(request.result(), null);
        return true;
    }

    private String nicknameOf(PeerName peer) {
        return peer.equals(config.ourName()) ? config.nickname() : "";
    }

    private void release(String id, Cidr cidr) {
        owners.remove(id, cidr);
        long address = cidr.address().unsigned();
        Space space = spaceFor(address);
        if (space != null && owners.holderOf(cidr.address()) == null) {
            space.markFree(address);
            reportFree(space);
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
    }

    /** Persists what changed, then answers the callers: nobody hears of a change the disk does not hold. */
    private void settle() {
        try {
            persistence.save(ring, ringDirty, owners.drainChanges());
        } catch (RuntimeException e) {
            IpamException failure = new IpamException("cannot save IPAM data: " + e.getMessage());
            answers.failAll(failure);
            throw failure;
        }
        ringDirty = false;
        answers.deliver();
    }
}
