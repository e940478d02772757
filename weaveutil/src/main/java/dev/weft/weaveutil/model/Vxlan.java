package dev.weft.weaveutil.model;

import dev.weft.weaveutil.addr.Ipv4;

/**
 * A VXLAN tunnel endpoint ({@code ip link add NAME type vxlan id VNI dstport PORT ...}).
 *
 * @param local       source address of tunnel packets, null = any
 * @param group       multicast group or default remote, null = none (entries come from the FDB)
 * @param deviceIndex underlying device for tunnel traffic, 0 = route lookup
 * @param ttl         0 = inherit
 */
public record Vxlan(LinkAttrs attrs, int vni, int port, Ipv4 local, Ipv4 group, int deviceIndex,
                    boolean learning, int ttl) implements Link {

    public static Vxlan of(LinkAttrs attrs, int vni, int port) {
        return new Vxlan(attrs, vni, port, null, null, 0, false, 0);
    }

    @Override
    public String kind() {
        return "vxlan";
    }
}
