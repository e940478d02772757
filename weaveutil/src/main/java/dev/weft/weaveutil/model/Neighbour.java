package dev.weft.weaveutil.model;

import dev.weft.weaveutil.addr.Mac;
import java.net.InetAddress;

/**
 * A neighbour-table entry ({@code ip neigh}, family 2/10) or a bridge forwarding entry
 * ({@code bridge fdb}, family 7, where {@code ip} is a VXLAN remote or null).
 *
 * @param state NUD_* bits (0x80 permanent, 0x40 noarp, 0x02 reachable)
 * @param flags NTF_* bits (0x02 self, 0x04 master)
 * @param vni   VXLAN id for FDB entries, 0 = the device's own
 * @param port  VXLAN remote UDP port for FDB entries, 0 = the device's own
 */
public record Neighbour(int family, int linkIndex, InetAddress ip, Mac mac, int state, int flags, int masterIndex,
                        int vni, int port) {
    public static final int FAMILY_BRIDGE = 7;
    public static final int NUD_NOARP = 0x40;
    public static final int NUD_PERMANENT = 0x80;
    public static final int NTF_SELF = 0x02;
    public static final int NTF_MASTER = 0x04;
    /** The all-zeros MAC of VXLAN flood entries: broadcast, multicast and unknown unicast go to each such remote. */
    public static final Mac FLOOD = Mac.fromBytes(new byte[6]);

    public Neighbour(int family, int linkIndex, InetAddress ip, Mac mac, int state, int flags, int masterIndex,
                     int vni) {
        this(family, linkIndex, ip, mac, state, flags, masterIndex, vni, 0);
    }

    /** {@code ip neigh replace IP lladdr MAC dev IF nud permanent}. */
    public static Neighbour permanentArp(int linkIndex, InetAddress ip, Mac mac) {
        return new Neighbour(ip.getAddress().length == 4 ? 2 : 10, linkIndex, ip, mac, NUD_PERMANENT, 0, 0, 0);
    }

    /** {@code bridge fdb append MAC dev VXLAN dst REMOTE self permanent}. */
    public static Neighbour vxlanFdb(int vxlanIndex, Mac mac, InetAddress remote) {
        return new Neighbour(FAMILY_BRIDGE, vxlanIndex, remote, mac, NUD_PERMANENT | NUD_NOARP, NTF_SELF, 0, 0);
    }

    /** {@code bridge fdb append MAC dev VXLAN dst REMOTE port PORT vni VNI self permanent}. */
    public static Neighbour vxlanFdb(int vxlanIndex, Mac mac, InetAddress remote, int port, int vni) {
        return new Neighbour(FAMILY_BRIDGE, vxlanIndex, remote, mac, NUD_PERMANENT | NUD_NOARP, NTF_SELF, 0, vni,
                port);
    }

    /** {@code bridge fdb del MAC dev PORT master}: the bridge's own entry for {@code mac} on one of its ports. */
    public static Neighbour bridgeFdb(int portIndex, Mac mac) {
        return new Neighbour(FAMILY_BRIDGE, portIndex, null, mac, 0, NTF_MASTER, 0, 0, 0);
    }

    /** True for a VXLAN flood entry (all-zeros MAC). */
    public boolean isFlood() {
        return FLOOD.equals(mac);
    }
}
