package dev.weft.router.iptables;

/**
 * What the router's rules depend on. {@code dockerBridgeIp} may be null (no Docker bridge, or it has
 * no address): the rules guarding it are then left out. {@code controlPort} is the loopback port of
 * the control API, or 0 when it does not listen on 127.0.0.1.
 */
public record RulesConfig(String weaveBridge, String dockerBridge, String dockerBridgeIp, int meshPort,
                          int controlPort) {

    public static final int DEFAULT_MESH_PORT = 6783;
    public static final int DEFAULT_CONTROL_PORT = 6784;

    public static RulesConfig defaults(String dockerBridgeIp) {
        return new RulesConfig("weave", "docker0", dockerBridgeIp, DEFAULT_MESH_PORT, DEFAULT_CONTROL_PORT);
    }

    /** The fast path's VXLAN port sits next to the mesh port. */
    public int fastPathPort() {
        return meshPort + 1;
    }
}
