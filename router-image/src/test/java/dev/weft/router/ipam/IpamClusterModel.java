package dev.weft.router.ipam;

import dev.weft.router.identity.PeerName;
import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.addr.Ipv4;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What the randomized checker knows of the cluster's containers: which peer each runs on, the request
 * still waiting for it, and the address IPAM answered. Only answered addresses count as held.
 */
final class IpamClusterModel {

    static final class Container {
        final String id;
        final PeerName peer;
        final CompletableFuture<?> request;
        final Cidr claimed;
        Cidr address;

        Container(String id, PeerName peer, CompletableFuture<?> request, Cidr claimed) {
            this.id = id;
            this.peer = peer;
            this.request = request;
            this.claimed = claimed;
        }

        boolean holds() {
            return address != null;
        }
    }

    final Map<String, Container> containers = new LinkedHashMap<>();
    int answered;
    int refused;

    void add(Container c) {
        containers.put(c.id, c);
    }

    /** Takes the answers that arrived: an address held, or the container drops out of the model. */
    void collectAnswers() {
        Iterator<Container> it = containers.values().iterator();
        while (it.hasNext()) {
            Container c = it.next();
            if (c.holds() || c.request == null || !c.request.isDone()) {
                continue;
            }
            if (c.request.isCompletedExceptionally()) {
                refused++;
                it.remove();
            } else {
                Object value = c.request.join();
                c.address = value instanceof Cidr cidr ? cidr : c.claimed;
                answered++;
            }
        }
    }

    List<Container> holding() {
        return containers.values().stream().filter(Container::holds).toList();
    }

    List<Container> waiting() {
        return containers.values().stream().filter(c -> !c.holds()).toList();
    }

    List<Container> on(PeerName peer) {
        return containers.values().stream().filter(c -> c.peer.equals(peer)).toList();
    }

    /** The peer is gone with its host (wiped or killed): its containers with it. */
    void dropAllOn(PeerName peer) {
        containers.values().removeIf(c -> c.peer.equals(peer));
    }

    /** The router restarted: requests it had not answered are lost with it. */
    void dropWaitingOn(PeerName peer) {
        containers.values().removeIf(c -> c.peer.equals(peer) && !c.holds());
    }

    /** The live containers of a peer and their addresses, as the router's start-up scan finds them. */
    Map<String, List<Cidr>> liveOn(PeerName peer) {
        Map<String, List<Cidr>> live = new HashMap<>();
        for (Container c : on(peer)) {
            if (c.holds()) {
                live.computeIfAbsent(c.id, k -> new ArrayList<>()).add(c.address);
            }
        }
        return live;
    }

    /** Null, or a line naming two live containers holding one address. */
    String addressHeldTwice() {
        Map<Ipv4, Container> seen = new HashMap<>();
        for (Container c : holding()) {
            Container before = seen.put(c.address.address(), c);
            if (before != null) {
                return c.address.address() + " is held by " + before.id + " on " + before.peer + " and by " + c.id
                        + " on " + c.peer;
            }
        }
        return null;
    }
}
