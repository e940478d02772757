package dev.weft.router.status;

import dev.weft.router.api.StatusSection;
import dev.weft.router.mesh.MeshStatus;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The router's part of the status (SPEC §4.1-4.3): identity, protocol and settings, then what the
 * mesh knows — targets, this peer's connections (failures with their reason and next retry), every
 * known peer with the connections it reports, and routes — in the original's layouts.
 */
public final class RouterStatusSection implements StatusSection {

    static final List<String> CONNECTION_STATES = List.of("established", "pending", "retrying", "failed", "connecting");
    static final String NO_DATA_PLANE = "none yet: peers connect, but containers on different hosts cannot reach"
            + " each other";

    private final RouterState state;
    private final RouterMesh mesh;

    public RouterStatusSection(RouterState state, RouterMesh mesh) {
        this.state = state;
        this.mesh = mesh;
    }

    @Override
    public String service() {
        return "router";
    }

    private MeshStatus snapshot() {
        return mesh.status().orElseGet(this::alone);
    }

    /** Before the mesh runs (or when it does not answer): this peer alone. */
    private MeshStatus alone() {
        return new MeshStatus(state.identity().name().toString(), state.identity().nickname(), state.port(),
                state.minProtocolVersion(), RouterState.PROTOCOL_MAX, state.encryption(), state.peerDiscovery(),
                List.of(new MeshStatus.PeerStatus(state.identity().name().toString(), state.identity().nickname(), "0",
                        0, 0, List.of())), List.of(), List.of(), List.of(), List.of(), 0, state.trustedSubnets(), true);
    }

    @Override
    public List<StatusLine> summary() {
        MeshStatus s = snapshot();
        List<StatusLine> lines = new ArrayList<>();
        lines.add(new StatusLine("Protocol", "weave " + protocolRange()));
        lines.add(new StatusLine("Name", state.identity().display()));
        lines.add(new StatusLine("Encryption", enabled(state.encryption())));
        lines.add(new StatusLine("PeerDiscovery", enabled(state.peerDiscovery())));
        lines.add(new StatusLine("Targets", String.valueOf(s.targets().size())));
        lines.add(new StatusLine("Connections", s.connections().size() + parenthesised(connectionCounts(s))));
        String peerConnections = peerConnectionCounts(s);
        lines.add(new StatusLine("Peers", s.peers().size()
                + (peerConnections.isEmpty() ? "" : " (with " + peerConnections + " connections)")));
        lines.add(new StatusLine("TrustedSubnets",
                state.trustedSubnets().isEmpty() ? "none" : String.join(", ", state.trustedSubnets())));
        if (!s.dataPlane()) {
            lines.add(new StatusLine("DataPlane", NO_DATA_PLANE));
        }
        return lines;
    }

    private static String parenthesised(String text) {
        return text.isEmpty() ? "" : " (" + text + ")";
    }

    /** "1 established, 2 failed": counts in the original's order, zeros left out. */
    private static String connectionCounts(MeshStatus s) {
        List<String> parts = new ArrayList<>();
        for (String st : CONNECTION_STATES) {
            long n = s.connections().stream().filter(c -> c.state().equals(st)).count();
            if (n > 0) {
                parts.add(n + " " + st);
            }
        }
        return String.join(", ", parts);
    }

    private static String peerConnectionCounts(MeshStatus s) {
        long established = 0;
        long pending = 0;
        for (MeshStatus.PeerStatus p : s.peers()) {
            for (MeshStatus.PeerConnection c : p.connections()) {
                if (c.established()) {
                    established++;
                } else {
                    pending++;
                }
            }
        }
        List<String> parts = new ArrayList<>();
        if (established > 0) {
            parts.add(established + " established");
        }
        if (pending > 0) {
            parts.add(pending + " pending");
        }
        return String.join(", ", parts);
    }

    /** {@code /status/targets}: one target per line. */
    public String targetsText() {
        StringBuilder text = new StringBuilder();
        snapshot().targets().forEach(t -> text.append(t).append('\n'));
        return text.toString();
    }

    /** {@code /status/connections}: {@code -> address state info [attrs]}, one per line. */
    public String connectionsText() {
        StringBuilder text = new StringBuilder();
        for (MeshStatus.ConnectionStatus c : snapshot().connections()) {
            text.append(String.format("%s %-21s %-11s %s", c.outbound() ? "->" : "<-", c.address(), c.state(), c.info()));
            String attrs = attrs(c.attrs());
            if (!attrs.isEmpty()) {
                text.append(' ').append(attrs);
            }
            text.append('\n');
        }
        return text.toString();
    }

    private static String attrs(Map<String, String> attrs) {
        StringJoiner out = new StringJoiner(" ");
        attrs.forEach((k, v) -> {
            if (!k.equals("name")) {
                out.add(k + "=" + v);
            }
        });
        return out.toString();
    }

    /** {@code /status/peers}: each peer, then the connections it reports. */
    public String peersText() {
        StringBuilder text = new StringBuilder();
        for (MeshStatus.PeerStatus p : snapshot().peers()) {
            text.append(p.display()).append('\n');
            for (MeshStatus.PeerConnection c : p.connections()) {
                text.append(String.format("   %s %-21s %-37s %s%n", c.outbound() ? "->" : "<-", c.address(),
                        c.name() + "(" + c.nickname() + ")", c.established() ? "established" : "pending"));
            }
        }
        return text.toString();
    }

    @Override
    public String reportKey() {
        return "Router";
    }

    @Override
    public Object report() {
        MeshStatus s = snapshot();
        Map<String, Object> router = new LinkedHashMap<>();
        router.put("Protocol", "weave");
        router.put("ProtocolMinVersion", state.minProtocolVersion());
        router.put("ProtocolMaxVersion", RouterState.PROTOCOL_MAX);
        router.put("Encryption", state.encryption());
        router.put("PeerDiscovery", state.peerDiscovery());
        router.put("Name", state.identity().name().toString());
        router.put("NickName", state.identity().nickname());
        router.put("Port", state.port());
        List<Object> peers = new ArrayList<>();
        for (MeshStatus.PeerStatus p : s.peers()) {
            Map<String, Object> peer = new LinkedHashMap<>();
            peer.put("Name", p.name());
            peer.put("NickName", p.nickname());
            peer.put("UID", new BigInteger(p.uid()));
            peer.put("ShortID", p.shortId());
            peer.put("Version", p.version());
            List<Object> conns = new ArrayList<>();
            for (MeshStatus.PeerConnection c : p.connections()) {
                Map<String, Object> conn = new LinkedHashMap<>();
                conn.put("Name", c.name());
                conn.put("NickName", c.nickname());
                conn.put("Address", c.address());
                conn.put("Outbound", c.outbound());
                conn.put("Established", c.established());
                conns.add(conn);
            }
            peer.put("Connections", conns);
            peers.add(peer);
        }
        router.put("Peers", peers);
        router.put("UnicastRoutes", s.unicastRoutes().stream()
                .map(r -> Map.of("Dest", r.dest(), "Via", r.via())).toList());
        router.put("BroadcastRoutes", s.broadcastRoutes().stream()
                .map(r -> Map.of("Source", r.source(), "Via", r.via())).toList());
        List<Object> connections = new ArrayList<>();
        for (MeshStatus.ConnectionStatus c : s.connections()) {
            Map<String, Object> conn = new LinkedHashMap<>();
            conn.put("Address", c.address());
            conn.put("Outbound", c.outbound());
            conn.put("State", c.state());
            conn.put("Info", c.info());
            conn.put("Attrs", c.attrs());
            connections.add(conn);
        }
        router.put("Connections", connections);
        router.put("TerminationCount", s.terminationCount());
        router.put("Targets", s.targets());
        router.put("OverlayDiagnostics", Map.of());
        router.put("TrustedSubnets", state.trustedSubnets());
        router.put("Interface", state.bridgeName());
        router.put("CaptureStats", Map.of());
        router.put("MACs", List.of());
        return router;
    }

    private String protocolRange() {
        int min = state.minProtocolVersion();
        return min == RouterState.PROTOCOL_MAX ? String.valueOf(min) : min + ".." + RouterState.PROTOCOL_MAX;
    }

    private static String enabled(boolean on) {
        return on ? "enabled" : "disabled";
    }
}
