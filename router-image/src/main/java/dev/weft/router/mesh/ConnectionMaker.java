package dev.weft.router.mesh;

import dev.weft.router.identity.PeerName;
import dev.weft.router.mesh.topology.ConnectionSummary;
import dev.weft.router.mesh.topology.PeerEntry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whom to dial and when (weaveworks/mesh's connectionMaker), on the mesh actor: the targets
 * given by {@code launch} and {@code connect}, and (with discovery) the peers that neighbours are
 * connected to; retries with jittered exponential back-off; never redials after a self-connection
 * or a peer-name collision; does not dial a port-less target while that host is connected inbound.
 */
final class ConnectionMaker {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionMaker.class);
    private static final DateTimeFormatter RETRY_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Mesh mesh;
    private final Map<String, PeerAddress> direct = new LinkedHashMap<>();
    private final Map<String, InetAddress> resolvedHosts = new HashMap<>();
    private final Map<String, Target> targets = new TreeMap<>();
    private final Set<LocalConnection> connections = new LinkedHashSet<>();
    private final InboundRefusals refusedInbound = new InboundRefusals();
    private Actor.Cancellable timer = Actor.Cancellable.NONE;
    private long timerDue = Long.MAX_VALUE;

    ConnectionMaker(Mesh mesh) {
        this.mesh = mesh;
    }

    /** Adds targets (replacing all with {@code replace}); a target already known is retried now. */
    void initiate(List<PeerAddress> peers, boolean replace) {
        if (replace) {
            direct.clear();
        }
        long now = mesh.nanoTime();
        for (PeerAddress peer : peers) {
            direct.put(peer.text(), peer);
            Target existing = targets.get(key(peer));
            if (existing != null && existing.state == Target.State.WAITING) {
                existing.tryNow(now);
            }
        }
        check();
    }

    void forget(List<String> peers) {
        peers.forEach(direct::remove);
        check();
    }

    List<String> targets() {
        return new ArrayList<>(direct.keySet());
    }

    void connectionCreated(LocalConnection conn) {
        connections.add(conn);
        if (!conn.outbound) {
            refusedInbound.joined(conn.remoteAddress().getAddress().getHostAddress());
        }
        if (conn.outbound) {
            Target t = targets.get(conn.targetAddress);
            if (t != null) {
                t.state = Target.State.CONNECTED;
                t.knownPeer = conn.remoteName();
            }
        }
    }

    void connectionEnded(LocalConnection conn, ConnectionFailure failure, boolean registered) {
        connections.remove(conn);
        if (!conn.outbound && !registered && conn.remoteName() == null && !mesh.isClosed()) {
            refusedInbound.refused(conn.remoteAddress().getAddress().getHostAddress(), conn.remoteAddressText(),
                    failure, mesh.nanoTime());
        }
        if (conn.outbound) {
            Target t = targets.get(conn.targetAddress);
            if (t != null) {
                if (conn.remoteName() != null) {
                    t.knownPeer = conn.remoteName();
                }
                t.ended(failure, mesh.nanoTime(), mesh.random());
                if (!failure.retry()) {
                    LOG.warn("->[{}]: {}; not retrying", conn.targetAddress, failure.message());
                }
            }
        }
        check();
    }

    /** Looks at every target again (the topology or the connections changed) and dials what is due. */
    void check() {
        long now = mesh.nanoTime();
        if (mesh.disabledReason() != null) {
            for (PeerAddress peer : direct.values()) {
                Target t = targets.computeIfAbsent(key(peer), k -> Target.now(now));
                t.lastError = new ConnectionFailure(mesh.disabledReason(), false);
                t.tryNever();
            }
            targets.keySet().retainAll(direct.values().stream().map(this::key).toList());
            return;
        }
        Set<PeerName> connectedPeers = new HashSet<>();
        Set<String> connectedAddresses = new HashSet<>();
        Set<String> inboundHosts = new HashSet<>();
        for (LocalConnection c : connections) {
            connectedPeers.add(c.remoteName());
            connectedAddresses.add(c.remoteAddressText());
            if (c.outbound) {
                connectedAddresses.add(c.targetAddress);
            } else {
                inboundHosts.add(c.remoteAddress().getAddress().getHostAddress());
            }
        }
        Set<String> valid = new HashSet<>();
        for (PeerAddress peer : direct.values()) {
            if (!peer.hasPort()) {
                InetAddress resolved = resolvedHosts.computeIfAbsent(peer.host(), ConnectionMaker::literal);
                if (resolved != null && inboundHosts.contains(resolved.getHostAddress())) {
                    continue;
                }
            }
            addTarget(key(peer), now, connectedAddresses, valid);
        }
        if (mesh.config().discovery()) {
            for (PeerEntry entry : mesh.topologyEntries()) {
                if (entry.name().equals(mesh.localName())) {
                    continue;
                }
                for (ConnectionSummary c : entry.connections()) {
                    if (c.remote().equals(mesh.localName()) || connectedPeers.contains(c.remote())) {
                        continue;
                    }
                    String address = c.outbound() ? c.address() : withPort(hostOf(c.address()), mesh.config().port());
                    if (address != null && isDialable(address)) {
                        addTarget(address, now, connectedAddresses, valid);
                    }
                }
            }
        }
        long next = Long.MAX_VALUE;
        for (Iterator<Map.Entry<String, Target>> it = targets.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Target> e = it.next();
            Target t = e.getValue();
            if (t.state != Target.State.WAITING) {
                continue;
            }
            if (!valid.contains(e.getKey())) {
                it.remove();
                continue;
            }
            if (t.never || t.knownPeer != null && connectedPeers.contains(t.knownPeer)) {
                continue;
            }
            long wait = t.tryAfter - now;
            if (wait <= 0) {
                t.state = Target.State.ATTEMPTING;
                attempt(e.getKey());
            } else {
                next = Math.min(next, wait);
            }
        }
        schedule(now, next);
        if (mesh.awaitingFirstContact() && targets.values().stream().allMatch(t -> t.state == Target.State.WAITING)) {
            mesh.noDialUnderWay();
        }
    }

    private void addTarget(String address, long now, Set<String> connected, Set<String> valid) {
        if (connected.contains(address)) {
            return;
        }
        valid.add(address);
        targets.computeIfAbsent(address, a -> Target.now(now));
    }

    private void schedule(long now, long wait) {
        if (wait == Long.MAX_VALUE) {
            return;
        }
        long due = now + wait;
        if (due >= timerDue && timerDue > now) {
            return;
        }
        timer.cancel();
        timerDue = due;
        timer = mesh.actor().schedule(Duration.ofNanos(wait), () -> {
            timerDue = Long.MAX_VALUE;
            check();
        });
    }

    private void attempt(String address) {
        if (mesh.config().connLimit() > 0 && mesh.connectionCount() >= mesh.config().connLimit()) {
            aborted(address, ConnectionFailure.limitReached(mesh.config().connLimit()));
            return;
        }
        LOG.info("->[{}] attempting connection", address);
        int colon = address.lastIndexOf(':');
        String host = unbracket(address.substring(0, colon));
        int port = Integer.parseInt(address.substring(colon + 1));
        mesh.transport().resolve(host)
                .thenCompose(ip -> {
                    mesh.actor().execute(() -> resolvedHosts.put(host, ip));
                    return mesh.transport().dial(new InetSocketAddress(ip, port), mesh.config().host());
                })
                .whenComplete((wire, error) -> mesh.actor().execute(() -> {
                    if (error != null) {
                        aborted(address, describe(error));
                    } else if (mesh.isClosed()) {
                        wire.close();
                    } else {
                        mesh.startConnection(wire, true, address);
                    }
                }));
    }

    private void aborted(String address, ConnectionFailure failure) {
        LOG.info("->[{}] error during connection attempt: {}", address, failure.message());
        Target t = targets.get(address);
        if (t != null) {
            t.state = Target.State.WAITING;
            t.lastError = failure;
            if (failure.retry()) {
                t.tryLater(mesh.nanoTime(), mesh.random());
            } else {
                t.tryNever();
            }
        }
        check();
    }

    static ConnectionFailure describe(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof java.util.concurrent.ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof MeshException m) {
            return m.failure();
        }
        String message = cause.getMessage();
        return ConnectionFailure.retryable(message == null ? cause.toString() : message);
    }

    /** Status rows for this peer's connections and for the targets not connected. */
    List<MeshStatus.ConnectionStatus> status() {
        List<MeshStatus.ConnectionStatus> rows = new ArrayList<>();
        Set<PeerName> connectedPeers = new HashSet<>();
        for (LocalConnection c : connections) {
            connectedPeers.add(c.remoteName());
            rows.add(mesh.connectionStatus(c));
        }
        long now = mesh.nanoTime();
        Instant wallNow = mesh.now();
        for (Map.Entry<String, Target> e : targets.entrySet()) {
            Target t = e.getValue();
            if (t.state == Target.State.CONNECTED || t.knownPeer != null && connectedPeers.contains(t.knownPeer)) {
                continue;
            }
            String state;
            String info;
            if (t.state == Target.State.ATTEMPTING) {
                state = t.lastError == null ? "connecting" : "retrying";
                info = t.lastError == null ? "" : t.lastError.message();
            } else {
                String retry = t.never ? "never" : retryTime(wallNow, t.tryAfter - now);
                state = t.lastError == null ? "waiting" : "failed";
                info = t.lastError == null ? "until: " + retry : t.lastError.message() + ", retry: " + retry;
            }
            rows.add(new MeshStatus.ConnectionStatus(e.getKey(), true, state, info, Map.of()));
        }
        Set<String> connectedHosts = new HashSet<>();
        connections.forEach(c -> connectedHosts.add(c.remoteAddress().getAddress().getHostAddress()));
        for (InboundRefusals.Refusal r : refusedInbound.current(now)) {
            if (connectedHosts.contains(r.host())) {
                continue;
            }
            long ago = Math.max(0, (now - r.atNanos()) / 1_000_000_000L);
            rows.add(new MeshStatus.ConnectionStatus(r.address(), false, "failed", r.failure().message()
                    + ", last attempt: " + ago + "s ago" + (r.count() > 1 ? " (" + r.count() + " attempts)" : ""),
                    Map.of()));
        }
        return rows;
    }

    private static String retryTime(Instant wallNow, long inNanos) {
        long seconds = Math.max(0, (inNanos + 999_999_999L) / 1_000_000_000L);
        return RETRY_TIME.format(wallNow.plusSeconds(seconds)) + " (in " + seconds + "s)";
    }

    private String key(PeerAddress peer) {
        return withPort(peer.host(), peer.portOr(mesh.config().port()));
    }

    /** The address an IPv4 literal stands for (no look-up), else null. */
    private static InetAddress literal(String host) {
        if (!host.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return null;
        }
        try {
            return InetAddress.getByName(host);
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }

    static String withPort(String host, int port) {
        if (host == null) {
            return null;
        }
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    static String hostOf(String address) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0) {
            return null;
        }
        return unbracket(address.substring(0, colon));
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** Addresses gossiped by other peers are checked before they are dialled: host:port with a valid port. */
    private static boolean isDialable(String address) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            return false;
        }
        try {
            int port = Integer.parseInt(address.substring(colon + 1));
            return port > 0 && port < 65536 && !address.substring(0, colon).isBlank();
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
