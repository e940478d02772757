package dev.weft.router.ipam;

import dev.weft.router.identity.PeerName;
import dev.weft.router.mesh.Membership;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The other peers as IPAM sees them: which the mesh can reach now, the nicknames heard of (kept with
 * the ring, so a dead peer can still be named, e.g. by {@code rmpeer <nickname>}), and which peers
 * have spoken on the IPAM channel in this run.
 */
final class KnownPeers {
    private final PeerName us;
    private final String ourNickname;
    private final Membership membership;
    private final TreeMap<PeerName, String> nicknames = new TreeMap<>();
    private final Set<PeerName> heardFrom = new TreeSet<>();
    private boolean nicknamesChanged;

    KnownPeers(PeerName us, String ourNickname, Membership membership, Map<PeerName, String> stored) {
        this.us = us;
        this.ourNickname = ourNickname;
        this.membership = membership;
        nicknames.putAll(stored);
        nicknames.remove(us);
    }

    PeerName us() {
        return us;
    }

    Set<PeerName> reachable() {
        Set<PeerName> reachable = new TreeSet<>(membership.reachablePeers());
        reachable.remove(us);
        return reachable;
    }

    boolean isReachable(PeerName peer) {
        return peer.equals(us) || membership.reachablePeers().contains(peer);
    }

    String nickname(PeerName peer) {
        if (peer.equals(us)) {
            return ourNickname;
        }
        return membership.nickname(peer).filter(n -> !n.isEmpty()).orElse(nicknames.getOrDefault(peer, ""));
    }

    /** {@code name(nickname)}, as status lines show peers. */
    String label(PeerName peer) {
        return peer + "(" + nickname(peer) + ")";
    }

    /** What to call a peer in a command: its nickname when that names it alone, else its name. */
    String handle(PeerName peer) {
        String nick = nickname(peer);
        return !nick.isEmpty() && peersNamed(nick).size() == 1 ? nick : peer.toString();
    }

    void heard(PeerName peer) {
        if (!peer.equals(us)) {
            heardFrom.add(peer);
            remember(List.of(peer));
        }
    }

    /** Keeps these peers known (with the nickname heard, or none yet) across restarts, e.g. ring owners. */
    void remember(Collection<PeerName> seen) {
        for (PeerName peer : seen) {
            if (!peer.equals(us) && !nicknames.containsKey(peer)) {
                nicknames.put(peer, "");
                nicknamesChanged = true;
            }
        }
    }

    Set<PeerName> heardFrom() {
        return Collections.unmodifiableSet(heardFrom);
    }

    /** Learns nicknames from gossip and from the mesh. */
    void learn(Map<PeerName, String> heard) {
        heard.forEach(this::learn);
        for (PeerName peer : membership.reachablePeers()) {
            membership.nickname(peer).ifPresent(nick -> learn(peer, nick));
        }
    }

    private void learn(PeerName peer, String nick) {
        if (!peer.equals(us) && !nick.isEmpty() && !nick.equals(nicknames.get(peer))) {
            nicknames.put(peer, nick);
            nicknamesChanged = true;
        }
    }

    /** Every nickname known, ours included (for the gossip). */
    Map<PeerName, String> nicknames() {
        Map<PeerName, String> all = new TreeMap<>();
        nicknames.forEach((peer, nick) -> {
            if (!nick.isEmpty()) {
                all.put(peer, nick);
            }
        });
        if (!ourNickname.isEmpty()) {
            all.put(us, ourNickname);
        }
        return all;
    }

    /** Every other peer known here: remembered, heard from or reachable. */
    Set<PeerName> known() {
        Set<PeerName> all = new TreeSet<>(nicknames.keySet());
        all.addAll(heardFrom);
        all.addAll(membership.reachablePeers());
        all.remove(us);
        return all;
    }

    /**
     * Who gets our ranges on {@code reset} (SPEC §5.4): a reachable owner, a reachable peer heard on
     * the IPAM channel, an unreachable owner, any peer known; empty when there is none.
     */
    Optional<PeerName> heir(Collection<PeerName> ringOwners) {
        Set<PeerName> reachable = reachable();
        List<PeerName> owners = new ArrayList<>(ringOwners);
        owners.remove(us);
        Optional<PeerName> heir = owners.stream().filter(reachable::contains).findFirst();
        if (heir.isEmpty()) {
            heir = heardFrom.stream().filter(reachable::contains).findFirst();
        }
        if (heir.isEmpty()) {
            heir = owners.stream().findFirst();
        }
        if (heir.isEmpty()) {
            heir = known().stream().findFirst();
        }
        return heir;
    }

    /** The stored nicknames when they changed since the last call, else null. */
    Map<PeerName, String> drainChangedNicknames() {
        if (!nicknamesChanged) {
            return null;
        }
        nicknamesChanged = false;
        return new TreeMap<>(nicknames);
    }

    void forget() {
        nicknames.clear();
        heardFrom.clear();
        nicknamesChanged = true;
    }

    /**
     * The peer a user means by {@code text} (a peer name or a nickname) among the peers known here
     * (plus {@code alsoKnown}, e.g. ring owners); empty when none, an error when a nickname is shared.
     */
    Optional<PeerName> resolve(String text, Collection<PeerName> alsoKnown) {
        if (text.equals(ourNickname) && !text.isEmpty()) {
            return Optional.of(us);
        }
        Set<PeerName> known = new TreeSet<>(alsoKnown);
        known.addAll(nicknames.keySet());
        known.addAll(membership.reachablePeers());
        known.addAll(heardFrom);
        known.add(us);
        if (PeerName.isValid(text)) {
            PeerName name = PeerName.parse(text);
            return known.contains(name) ? Optional.of(name) : Optional.empty();
        }
        List<PeerName> named = peersNamed(text);
        if (named.size() > 1) {
            throw new IpamException("nickname " + text + " names several peers (" + named.stream()
                    .map(PeerName::toString).reduce((a, b) -> a + ", " + b).orElse("") + "): give the peer name");
        }
        return named.stream().findFirst();
    }

    private List<PeerName> peersNamed(String nick) {
        List<PeerName> result = new ArrayList<>();
        Set<PeerName> candidates = new TreeSet<>(nicknames.keySet());
        candidates.addAll(membership.reachablePeers());
        for (PeerName peer : candidates) {
            if (!peer.equals(us) && nick.equals(nickname(peer))) {
                result.add(peer);
            }
        }
        return result;
    }
}
