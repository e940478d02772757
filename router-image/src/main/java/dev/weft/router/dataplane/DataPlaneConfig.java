package dev.weft.router.dataplane;

import dev.weft.router.dataplane.wire.SleeveFormat;
import dev.weft.router.identity.PeerName;

/**
 * What the data plane is built from.
 *
 * @param self     this router's peer name (also the heartbeat device's MAC)
 * @param bridge   the weave bridge the TAP and VXLAN ports join
 * @param mtu      the bridge's MTU: the largest IP packet containers send
 * @param meshPort the mesh port: the sleeve's UDP port; the fast path uses the next one
 * @param fastPath false with {@code --no-fastdp}: everything goes through the sleeve
 */
public record DataPlaneConfig(PeerName self, String bridge, int mtu, int meshPort, boolean fastPath) {
    /** The default MTU: 1460 (a cautious underlay) - 84 for VXLAN (50) and room for ESP (34). */
    public static final int DEFAULT_MTU = 1376;
    public static final int MIN_MTU = 576;
    /** The kernel's largest VXLAN MTU over IPv4 (65535 - 50). */
    public static final int MAX_MTU = 65485;
    /** Outer IPv4 + UDP + VXLAN headers + the inner Ethernet header. */
    public static final int VXLAN_OVERHEAD = 50;

    public DataPlaneConfig {
        checkMtu(mtu);
        if (meshPort < 1 || meshPort > 65534) {
            throw new IllegalArgumentException("invalid port " + meshPort + ": the fast path needs port+1 too");
        }
    }

    /** @throws IllegalArgumentException naming the value and the range */
    public static int checkMtu(int mtu) {
        if (mtu < MIN_MTU || mtu > MAX_MTU) {
            throw new IllegalArgumentException("invalid MTU " + mtu + ": must be between " + MIN_MTU + " and "
                    + MAX_MTU);
        }
        return mtu;
    }

    /** Parses an MTU as {@code WEAVE_MTU} / {@code --mtu} give it; blank means the default. */
    public static int parseMtu(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_MTU;
        }
        try {
            return checkMtu(Integer.parseInt(text.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid MTU '" + text + "': must be a number between " + MIN_MTU
                    + " and " + MAX_MTU, e);
        }
    }

    public int fastPathPort() {
        return meshPort + 1;
    }

    /** The underlay path MTU the fast path needs: full frames in VXLAN without fragmenting. */
    public int fastPathMtuNeeded() {
        return mtu + VXLAN_OVERHEAD;
    }

    /** The underlay path MTU the sleeve needs to carry full frames one per datagram. */
    public int sleeveMtuNeeded(int sealOverhead) {
        return SleeveFormat.pathMtuNeeded(mtu, sealOverhead);
    }
}
