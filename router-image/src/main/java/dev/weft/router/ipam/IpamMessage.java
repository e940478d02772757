package dev.weft.router.ipam;

import dev.weft.router.identity.PeerName;
import java.util.Map;
import java.util.TreeMap;

/** What peers' allocators tell each other on the {@code IPallocation} channel. */
sealed interface IpamMessage {

    /**
     * A peer's view: the ring once it exists, else its consensus knowledge (empty for an observer),
     * and the nicknames it knows of ring owners. Gossiped, broadcast, and sent with space replies.
     */
    record State(PeerName from, Ring ring, Map<Paxos.NodeId, Paxos.Acceptor> paxos, Map<PeerName, String> nicknames)
            implements IpamMessage {
        public State {
            paxos = new TreeMap<>(paxos);
            nicknames = new TreeMap<>(nicknames);
        }

        /** Both views in one (the mesh combines updates queued for one neighbour). */
        State combine(State other) {
            Ring combined = ring == null ? other.ring : other.ring == null ? ring
                    : ring.range().equals(other.ring.range()) && ring.seeds().equals(other.ring.seeds())
                    ? ring.newest(other.ring) : other.ring;
            Map<Paxos.NodeId, Paxos.Acceptor> acceptors = new TreeMap<>(paxos);
            other.paxos.forEach((id, a) -> acceptors.merge(id, a, (x, y) -> y.isLaterThan(x) ? y : x));
            Map<PeerName, String> names = new TreeMap<>(nicknames);
            names.putAll(other.nicknames);
            return new State(other.from, combined, combined == null ? acceptors : Map.of(), names);
        }
    }

    /** Asks the receiver for free addresses in {@code wanted} (a subnet's hosts, or the one address a claim needs). */
    record SpaceRequest(AddressRange wanted) implements IpamMessage {}

    /** The answer to a space request: the donor's ring, which gives the requester a range when {@code granted}. */
    record SpaceReply(AddressRange wanted, boolean granted, State state) implements IpamMessage {}

    /** An observer without a ring asks for one (a consensus peer without one starts agreeing). */
    record RingRequest() implements IpamMessage {}
}
