package dev.weft.router.dataplane.fastpath;

import dev.weft.weaveutil.addr.Mac;
import dev.weft.weaveutil.model.BridgePortFlags;
import dev.weft.weaveutil.model.Link;
import dev.weft.weaveutil.model.LinkAttrs;
import dev.weft.weaveutil.model.Neighbour;
import dev.weft.weaveutil.model.Vxlan;
import dev.weft.weaveutil.netlink.Links;
import dev.weft.weaveutil.netlink.Netlink;
import dev.weft.weaveutil.nl.NetlinkException;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * The fast path's kernel devices, both on UDP port mesh+1: {@value #DATA} on the weave bridge
 * carries container frames (the kernel learns remote MACs; all-zeros entries flood to each
 * fast-path neighbour), {@value #HEARTBEAT} (off the bridge, DF set) carries only heartbeats.
 * Names contain {@code vethwe} so {@code weave reset} removes them like every weave device.
 */
public final class VxlanDevices implements FastPathDevices {
    public static final String DATA = "vethwe-vxlan";
    public static final String HEARTBEAT = "vethwe-vxhb";
    public static final int DATA_VNI = 0x776566;
    public static final int HEARTBEAT_VNI = 0x776567;
    private static final int EADDRINUSE = 98;

    private final Netlink netlink;
    private final String bridge;
    private final int mtu;
    private final int port;
    private final Mac localMac;
    private int dataIndex;
    private int heartbeatIndex;

    public VxlanDevices(Netlink netlink, String bridge, int mtu, int port, Mac localMac) {
        this.netlink = netlink;
        this.bridge = bridge;
        this.mtu = mtu;
        this.port = port;
        this.localMac = localMac;
    }

    /**
     * Creates the devices, or takes over ones a previous run left when they match (their entries
     * are dropped: they are rebuilt from the connections), and brings them up on the bridge.
     *
     * @throws IllegalStateException with a one-line reason (e.g. the UDP port is taken)
     */
    public void ensure() {
        Links links = netlink.links();
        dataIndex = ensure(links, new Vxlan(LinkAttrs.named(DATA).withMtu(mtu), DATA_VNI, port, null, null, 0,
                true, 0, Vxlan.DF_UNSET));
        heartbeatIndex = ensure(links, new Vxlan(LinkAttrs.named(HEARTBEAT).withMtu(mtu).withMac(localMac),
                HEARTBEAT_VNI, port, null, null, 0, false, 0, Vxlan.DF_SET));
        links.setMaster(DATA, bridge);
        links.setBridgePort(DATA, BridgePortFlags.UNCHANGED.withIsolated(true));
        up(links, DATA);
        up(links, HEARTBEAT);
        forgetEntries(dataIndex);
        forgetEntries(heartbeatIndex);
    }

    private int ensure(Links links, Vxlan wanted) {
        Optional<Link> existing = links.find(wanted.name());
        if (existing.isPresent() && existing.get() instanceof Vxlan v && v.vni() == wanted.vni()
                && v.port() == wanted.port() && v.learning() == wanted.learning() && v.df() == wanted.df()) {
            if (v.mtu() != mtu) {
                links.setMtu(wanted.name(), mtu);
            }
            if (wanted.mac() != null && !wanted.mac().equals(v.mac())) {
                links.setMac(wanted.name(), wanted.mac());
            }
            return v.index();
        }
        existing.ifPresent(l -> links.deleteIfExists(l.name()));
        links.add(wanted);
        return links.get(wanted.name()).index();
    }

    private void up(Links links, String name) {
        try {
            links.setUp(name);
        } catch (NetlinkException e) {
            if (e.errno() == EADDRINUSE) {
                links.deleteIfExists(DATA);
                links.deleteIfExists(HEARTBEAT);
                throw new IllegalStateException("fast path: UDP port " + port
                        + " is in use by another program (WEAVE_NO_FASTDP=1 runs without the fast path)");
            }
            throw e;
        }
    }

    private void forgetEntries(int index) {
        for (Neighbour n : netlink.neighbours().list(Neighbour.FAMILY_BRIDGE, index)) {
            if (n.ip() != null && (n.flags() & Neighbour.NTF_SELF) != 0) {
                deleteQuietly(n);
            }
        }
    }

    /** Floods (broadcast, multicast, unknown unicast) from the bridge also go to this neighbour. */
    @Override
    public void addFlood(InetAddress remote, int remotePort) {
        netlink.neighbours().append(Neighbour.vxlanFdb(dataIndex, Neighbour.FLOOD, remote, remotePort, 0));
    }

    /**
     * Stops flooding to the neighbour and forgets the MACs the kernel learnt behind it, in the
     * device and on the bridge, so frames for them go to the sleeve until relearnt.
     */
    @Override
    public void removeFlood(InetAddress remote, int remotePort) {
        for (Neighbour n : netlink.neighbours().list(Neighbour.FAMILY_BRIDGE, dataIndex)) {
            if (remote.equals(n.ip()) && (n.flags() & Neighbour.NTF_SELF) != 0) {
                deleteQuietly(n);
                if (!n.isFlood()) {
                    deleteQuietly(Neighbour.bridgeFdb(dataIndex, n.mac()));
                }
            }
        }
    }

    /** Heartbeats to {@code remoteName}'s MAC go to the neighbour's fast-path address. */
    @Override
    public void addHeartbeatRoute(Mac remoteName, InetAddress remote, int remotePort) {
        netlink.neighbours().replace(Neighbour.vxlanFdb(heartbeatIndex, remoteName, remote, remotePort, 0));
    }

    @Override
    public void removeHeartbeatRoute(Mac remoteName, InetAddress remote, int remotePort) {
        deleteQuietly(Neighbour.vxlanFdb(heartbeatIndex, remoteName, remote, remotePort, 0));
    }

    /** Drops the bridge's entries for {@code macs} on {@code port} (they will be relearnt where they are now). */
    @Override
    public void forgetOnBridgePort(String port, List<Mac> macs) {
        if (macs.isEmpty()) {
            return;
        }
        int index = netlink.links().get(port).index();
        macs.forEach(mac -> deleteQuietly(Neighbour.bridgeFdb(index, mac)));
    }

    @Override
    public List<Mac> learntOnBridgePort(String port) {
        int index = netlink.links().get(port).index();
        return netlink.neighbours().list(Neighbour.FAMILY_BRIDGE, index).stream()
                .filter(n -> n.mac() != null && (n.flags() & Neighbour.NTF_SELF) == 0
                        && (n.state() & Neighbour.NUD_PERMANENT) == 0)
                .map(Neighbour::mac).toList();
    }

    private void deleteQuietly(Neighbour n) {
        try {
            netlink.neighbours().delete(n);
        } catch (NetlinkException e) {
            // already gone
        }
    }

    public int heartbeatIndex() {
        return heartbeatIndex;
    }

    /** Deletes both devices (at a clean stop; a crash leaves them for the next run to take over). */
    @Override
    public void remove() {
        netlink.links().deleteIfExists(DATA);
        netlink.links().deleteIfExists(HEARTBEAT);
    }
}
