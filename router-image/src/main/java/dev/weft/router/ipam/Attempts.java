package dev.weft.router.ipam;

import dev.weft.router.identity.PeerName;
import dev.weft.weaveutil.addr.Cidr;
import java.time.Clock;
import java.util.List;

/**
 * Whether a waiting allocation or claim can be answered now (SPEC §5.1, §5.2), and what to ask of
 * other peers meanwhile: space in a subnet, or the one address a claim needs. Part of the
 * {@link Allocator}, on its thread.
 */
final class Attempts {
    private final IpamConfig config;
    private final PeerName us;
    private final LocalRing local;
    private final Owners owners;
    private final KnownPeers peers;
    private final SpaceRequests spaceRequests;
    private final Outbox outbox;
    private final Answers answers;
    private final Clock clock;

    Attempts(IpamConfig config, LocalRing local, Owners owners, KnownPeers peers, SpaceRequests spaceRequests,
             Outbox outbox, Answers answers, Clock clock) {
        this.config = config;
        this.us = config.ourName();
        this.local = local;
        this.owners = owners;
        this.peers = peers;
        this.spaceRequests = spaceRequests;
        this.outbox = outbox;
        this.answers = answers;
        this.clock = clock;
    }

    /** True when the request is answered (an address given, or refused), false when it must wait. */
    boolean tryAllocate(PendingRequest.Allocate request) {
        if (!request.id().equals(Owner.NO_ID)) {
            List<Cidr> existing = owners.within(request.id(), request.subnet());
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
        if (!local.exists()) {
            return false;
        }
        long address = local.spaces().allocateLowest(hosts);
        if (address >= 0) {
            local.reportFree();
            Cidr cidr = Cidr.of(AddressRange.ip(address), request.subnet().prefixLength());
            String id = request.id().equals(Owner.NO_ID) ? cidr.address().toString() : request.id();
            owners.add(id, request.isContainer(), cidr);
            answers.answer(request.result(), cidr);
            return true;
        }
        if (local.ring().ownersWithin(hosts).equals(List.of(us))) {
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
        PeerName donor = spaceRequests.chooseDonor(local.ring(), wanted, peers.reachable(), now);
        if (donor != null) {
            outbox.unicast(donor, new IpamMessage.SpaceRequest(wanted));
        }
        spaceRequests.asked(wanted, donor, now);
    }

    /** True when the claim is settled (recorded or refused), false when it must wait. */
    boolean tryClaim(PendingRequest.Claim request) {
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
        if (!local.exists()) {
            return false;
        }
        PeerName peer = local.ring().owner(address);
        if (!peer.equals(us)) {
            return claimElsewhere(request, peer);
        }
        Space space = local.spaces().spaceFor(address);
        if (space.isUsed(address)) {
            String holder = owners.holderOf(cidr.address());
            if (holder != null && !holder.equals(id)) {
                answers.fail(request.result(), new AddressInUseException("address " + cidr.address()
                        + " is already owned by " + holder, holder));
                return true;
            }
        } else {
            space.markUsed(address);
            local.reportFree();
            owners.add(id, request.isContainer(), cidr);
        }
        answers.answer(request.result(), null);
        return true;
    }

    /**
     * The address lies in another peer's range: ask that peer for it (once every 5 s). Refused by its
     * owner, or after {@value Allocator#CLAIM_ATTEMPTS} attempts without getting it, the claim fails.
     */
    private boolean claimElsewhere(PendingRequest.Claim request, PeerName owner) {
        long now = clock.millis();
        if (owner.equals(request.deniedBy) || (request.attempts >= Allocator.CLAIM_ATTEMPTS && now >= request.nextAttemptAt)) {
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
}
