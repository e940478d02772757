package dev.weft.weaveutil.model;

import dev.weft.weaveutil.addr.Ipv4;

/**
 * A VXLAN tunnel endpoint ({@code ip link add NAME type vxlan id VNI dstport PORT [df set] ...}).
 *
 * @param local       source address of tunnel packets, null = any
 * @param group       multicast group or default remote, null = none (entries come from the FDB)
 * @param deviceIndex underlying device for tunnel traffic, 0 = route lookup
 * @param ttl         0 = inherit
 * @param df          the outer header's don't-fragment bit: {@link #DF_UNSET} (kernel default, may
 *                    fragment), {@link #DF_SET} or {@link #DF_INHERIT} (copied from the inner IPv4 header)
 */
public record Vxlan(LinkAttrs attrs, int vni, int port, Ipv4 local, Ipv4 group, int deviceIndex,
                    boolean learning, int ttl, int df) implements Link {
    public static final int DF_UNSET = 0;
    public static final int DF_SET = 1;
    public static final int DF_INHERIT = 2;

    public Vxlan(LinkAttrs attrs, int vni, int port, Ipv4 local, Ipv4 group, int deviceIndex, boolean learning,
                 int ttl) {
        this(attrs, vni, port, local, group, deviceIndex, learning, ttl, DF_UNSET);
    }

    public static Vxlan of(LinkAttrs attrs, int vni, int port) {
        return new Vxlan(attrs, vni, port, null, null, 0, false, 0);
    }

    @Override
    public String kind() {
        return "vxlan";
    }
}
