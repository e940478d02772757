package dev.weft.router.ipam;

import dev.weft.router.identity.PeerName;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This peer's copy of the ring and the spaces it owns in it: forming it, merging what other peers
 * send (and the "seeded by different peers" rule), giving space away, taking over a dead peer's
 * ranges and handing ours over. Part of the {@link Allocator}, on its thread; what it tells other
 * peers goes through the allocator's {@link Outbox}, sent once the change is saved.
 */
final class LocalRing {
    private static final Logger LOG = LoggerFactory.getLogger(LocalRing.class);

    /** Two rings seeded differently met, and this peer could not join the other (it holds addresses). */
    record SeedConflict(PeerName from, List<PeerName> theirs, List<PeerName> ours) {}

    /** What a received ring did here. */
    enum Merged { NOTHING, CHANGED, ADOPTED }

    private final IpamConfig config;
    private final PeerName us;
    private final KnownPeers peers;
    private final Outbox outbox;
    private final Supplier<Collection<Owner>> owners;
    private final Spaces spaces = new Spaces();
    private Ring ring;
    private boolean dirty;
    private SeedConflict seedConflict;

    LocalRing(IpamConfig config, KnownPeers peers, Outbox outbox, Supplier<Collection<Owner>> owners, Ring stored) {
        this.config = config;
        this.us = config.ourName();
        this.peers = peers;
        this.outbox = outbox;
        this.owners = owners;
        this.ring = stored;
    }

    Ring ring() {
        return ring;
    }

    boolean exists() {
        return ring != null;
    }

    Spaces spaces() {
        return spaces;
    }

    /** Whether the ring changed since the last call (it must then be saved). */
    boolean takeDirty() {
        boolean result = dirty;
        dirty = false;
        return result;
    }

    /** Our view for the gossip: the ring once it exists, else {@code consensus} (our Paxos knowledge). */
    IpamMessage.State state(Map<Paxos.NodeId, Paxos.Acceptor> consensus) {
        return new IpamMessage.State(us, ring == null ? null : ring.copy(), ring == null ? consensus : Map.of(),
                peers.nicknames());
    }

    /** The ring agreed (or seeded) among {@code agreed}; it is told to everyone. */
    void form(List<PeerName> agreed) {
        ring = Ring.dividedAmong(config.range(), agreed);
        LOG.info("IPAM ring formed, seeded by {}", Ring.names(ring.seeds()));
        dirty = true;
        rebuildSpaces();
        outbox.broadcast(state(Map.of()));
    }

    /** The owners' addresses changed: spaces and the free counts we advertise follow. */
    void rebuildSpaces() {
        spaces.rebuild(ring, us, owners.get());
        if (ring != null) {
            reportFree();
            peers.remember(ring.owners());
        }
    }

    /** After marking addresses used or free in our spaces: the ring's free counts follow. */
    void reportFree() {
        dirty |= spaces.reportFree(ring);
    }

    /**
     * Merges a ring another peer sent. Throws for another range, for a ring that would take away an
     * address we hold, and for one seeded by other peers that this peer cannot join.
     */
    Merged merge(Ring received, PeerName from) throws RingMergeException {
        if (!received.range().equals(config.range())) {
            throw new RingMergeException("Incompatible IP allocation ranges (received: " + received.range()
                    + ", ours: " + config.range() + ")");
        }
        if (ring == null) {
            ring = received.copy();
            LOG.info("IPAM ring received from {} (seeded by {})", peers.label(from), Ring.names(ring.seeds()));
            dirty = true;
            rebuildSpaces();
            return Merged.ADOPTED;
        }
        if (!received.seeds().equals(ring.seeds())) {
            return seedsDiffer(received, from);
        }
        RingMerge.Outcome outcome = ring.merge(received, us, spaces);
        if (seedConflict != null && seedConflict.from().equals(from)) {
            seedConflict = null;
        }
        if (outcome.changed()) {
            dirty = true;
            rebuildSpaces();
        }
        if (outcome.reasserted()) {
            outbox.broadcast(state(Map.of()));
        }
        return outcome.changed() ? Merged.CHANGED : Merged.NOTHING;
    }

    /**
     * Two rings seeded by different peers met. A peer holding no addresses joins the ring every peer
     * prefers (one with allocations over one without, then the lower seed list) by itself; one holding
     * addresses refuses, and the status says how to fix it.
     */
    private Merged seedsDiffer(Ring received, PeerName from) throws RingMergeException {
        boolean weHold = spaces.usedCount() > 0;
        boolean theirsPreferred = received.hasAllocations() != ring.hasAllocations() ? received.hasAllocations()
                : Ring.compareSeeds(received.seeds(), ring.seeds()) < 0;
        if (!weHold && theirsPreferred) {
            LOG.info("IP allocation was seeded by different peers (received: {} from {}, ours: {}); this peer holds "
                    + "no addresses in the range, so it joins the ring seeded by {}", Ring.names(received.seeds()),
                    peers.label(from), Ring.names(ring.seeds()), Ring.names(received.seeds()));
            ring = received.copy();
            dirty = true;
            seedConflict = null;
            rebuildSpaces();
            outbox.broadcast(state(Map.of()));
            return Merged.CHANGED;
        }
        if (!weHold) {
            outbox.unicast(from, state(Map.of()));
            return Merged.NOTHING;
        }
        seedConflict = new SeedConflict(from, received.seeds(), ring.seeds());
        throw new RingMergeException("IP allocation was seeded by different peers (received: "
                + Ring.names(received.seeds()) + ", ours: " + Ring.names(ring.seeds()) + ")");
    }

    /** The status line for a refused ring seeded by other peers, or null. */
    String seedConflictText() {
        if (seedConflict == null) {
            return null;
        }
        return "IP allocation was seeded by different peers (received: " + Ring.names(seedConflict.theirs())
                + " from " + peers.label(seedConflict.from()) + ", ours: " + Ring.names(seedConflict.ours())
                + "); this peer holds addresses, so it cannot join the other ring. Fix: on every peer of one of the "
                + "two rings, stop its containers and run `weave reset`, then `weave launch` it again";
    }

    /** Another peer asks for space: give it what the rules allow, or refuse; either way it gets our ring. */
    void donate(PeerName to, AddressRange wanted) {
        AddressRange block = new AddressRange(0, 0);
        if (ring != null && !to.equals(us)) {
            if (wanted.size() == 1) {
                Space space = spaces.spaceFor(wanted.start());
                block = space != null && !space.isUsed(wanted.start()) ? wanted : block;
            } else {
                block = spaces.donation(wanted);
            }
        }
        if (block.isEmpty()) {
            outbox.unicast(to, new IpamMessage.SpaceReply(wanted, false, state(Map.of())));
            return;
        }
        ring.give(block, to);
        dirty = true;
        rebuildSpaces();
        LOG.info("gave {} ({} IPs) to {}", block, block.size(), peers.label(to));
        IpamMessage.State ours = state(Map.of());
        outbox.unicast(to, new IpamMessage.SpaceReply(wanted, true, ours));
        outbox.broadcast(ours);
    }

    /** {@code rmpeer}: takes the ranges of a dead peer; returns how many addresses. */
    long takeOver(PeerName dead) {
        if (ring == null) {
            return 0;
        }
        long moved = ring.takeOver(dead, us);
        if (moved > 0) {
            LOG.info("rmpeer: took over {} IPs from {}", moved, peers.label(dead));
            dirty = true;
            rebuildSpaces();
            outbox.broadcast(state(Map.of()));
        }
        return moved;
    }

    /** {@code reset}: gives all our ranges to {@code heir} and tells everyone. */
    void handOverTo(PeerName heir) {
        long moved = ring.transfer(us, heir);
        LOG.info("reset: {} IPs handed over to {}", moved, peers.label(heir));
        outbox.broadcast(state(Map.of()));
    }

    /** Forgets the ring (after a reset): nothing of it is saved any more. */
    void forget() {
        ring = null;
        spaces.rebuild(null, us, List.of());
        seedConflict = null;
        dirty = false;
    }
}
