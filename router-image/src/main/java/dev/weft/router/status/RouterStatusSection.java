package dev.weft.router.status;

import dev.weft.router.api.StatusSection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The router's part of the status: identity, protocol, settings and (for now, single-host) mesh counts. */
public final class RouterStatusSection implements StatusSection {

    static final String NOT_DIALLED = "not dialled: the mesh is not implemented yet";

    private final RouterState state;

    public RouterStatusSection(RouterState state) {
        this.state = state;
    }

    @Override
    public String service() {
        return "router";
    }

    @Override
    public List<StatusLine> summary() {
        List<String> targets = state.targets();
        List<StatusLine> lines = new ArrayList<>();
        lines.add(new StatusLine("Protocol", "weave " + protocolRange()));
        lines.add(new StatusLine("Name", state.identity().display()));
        lines.add(new StatusLine("Encryption", enabled(state.encryption())));
        lines.add(new StatusLine("PeerDiscovery", enabled(state.peerDiscovery())));
        lines.add(new StatusLine("Targets", targets.size() + (targets.isEmpty() ? "" : " (" + NOT_DIALLED + ")")));
        lines.add(new StatusLine("Connections", "0"));
        lines.add(new StatusLine("Peers", "1"));
        lines.add(new StatusLine("TrustedSubnets",
                state.trustedSubnets().isEmpty() ? "none" : String.join(", ", state.trustedSubnets())));
        return lines;
    }

    /** {@code /status/targets}: one target per line. */
    public String targetsText() {
        StringBuilder text = new StringBuilder();
        state.targets().forEach(t -> text.append(t).append('\n'));
        return text.toString();
    }

    /** {@code /status/connections}: no connections until the mesh exists. */
    public String connectionsText() {
        return "";
    }

    /** {@code /status/peers}: this peer alone, without connections. */
    public String peersText() {
        return state.identity().display() + "\n";
    }

    @Override
    public String reportKey() {
        return "Router";
    }

    @Override
    public Object report() {
        Map<String, Object> router = new LinkedHashMap<>();
        router.put("Protocol", "weave");
        router.put("ProtocolMinVersion", state.minProtocolVersion());
        router.put("ProtocolMaxVersion", RouterState.PROTOCOL_MAX);
        router.put("Encryption", state.encryption());
        router.put("PeerDiscovery", state.peerDiscovery());
        router.put("Name", state.identity().name().toString());
        router.put("NickName", state.identity().nickname());
        router.put("Port", state.port());
        router.put("Peers", List.of(selfPeer()));
        router.put("UnicastRoutes", List.of());
        router.put("BroadcastRoutes", List.of());
        router.put("Connections", List.of());
        router.put("TerminationCount", 0);
        router.put("Targets", state.targets());
        router.put("OverlayDiagnostics", Map.of());
        router.put("TrustedSubnets", state.trustedSubnets());
        router.put("Interface", state.bridgeName());
        router.put("CaptureStats", Map.of());
        router.put("MACs", List.of());
        return router;
    }

    private Map<String, Object> selfPeer() {
        Map<String, Object> peer = new LinkedHashMap<>();
        peer.put("Name", state.identity().name().toString());
        peer.put("NickName", state.identity().nickname());
        peer.put("Connections", List.of());
        return peer;
    }

    private String protocolRange() {
        int min = state.minProtocolVersion();
        return min == RouterState.PROTOCOL_MAX ? String.valueOf(min) : min + ".." + RouterState.PROTOCOL_MAX;
    }

    private static String enabled(boolean on) {
        return on ? "enabled" : "disabled";
    }
}
