package dev.weft.router.attach;

import dev.weft.router.bridge.WeaveBridge;
import dev.weft.router.iptables.RulesConfig;
import java.nio.file.Path;

/**
 * The router flags the host side depends on.
 *
 * @param weaveBridge    {@code --weave-bridge} ({@code weave})
 * @param mtu            {@code --mtu} (1376)
 * @param peerMac        the peer name, used as the bridge's MAC
 * @param dockerBridge   {@code --docker-bridge} ({@code docker0}); empty when there is none
 * @param dockerBridgeIp its IPv4 address, or null when it has none
 * @param meshPort       {@code --port} (6783)
 * @param controlPort    the control API's port when it listens on 127.0.0.1, else 0
 * @param procRoot       {@code --proc-path} ({@code /proc})
 * @param hostRoot       {@code --host-root} ({@code /host})
 */
public record HostSideConfig(String weaveBridge, int mtu, String peerMac, String dockerBridge, String dockerBridgeIp,
                             int meshPort, int controlPort, Path procRoot, Path hostRoot) {

    public static HostSideConfig defaults(String peerMac, String dockerBridgeIp) {
        return new HostSideConfig(WeaveBridge.DEFAULT_NAME, WeaveBridge.DEFAULT_MTU, peerMac, "docker0", dockerBridgeIp,
                RulesConfig.DEFAULT_MESH_PORT, RulesConfig.DEFAULT_CONTROL_PORT, Path.of("/proc"), Path.of("/host"));
    }

    RulesConfig rules() {
        return new RulesConfig(weaveBridge, dockerBridge, dockerBridgeIp, meshPort, controlPort);
    }
}
