package dev.weft.router.dataplane;

import dev.weft.router.dataplane.fastpath.FastPath;
import dev.weft.router.dataplane.fastpath.KernelHeartbeatPort;
import dev.weft.router.dataplane.fastpath.VxlanDevices;
import dev.weft.router.dataplane.sleeve.KernelSleeveSocket;
import dev.weft.router.dataplane.sleeve.KernelTapPort;
import dev.weft.router.dataplane.sleeve.PacketSocketPort;
import dev.weft.router.dataplane.sleeve.Sleeve;
import dev.weft.router.dataplane.sleeve.TapPort;
import dev.weft.weaveutil.model.LinkAttrs;
import dev.weft.weaveutil.model.Veth;
import dev.weft.router.mesh.Membership;
import dev.weft.router.mesh.MeshRoutes;
import dev.weft.weaveutil.addr.Mac;
import dev.weft.weaveutil.jna.NativeCallException;
import dev.weft.weaveutil.model.BridgePortFlags;
import dev.weft.weaveutil.netlink.Links;
import dev.weft.weaveutil.netlink.Netlink;
import dev.weft.weaveutil.ns.NetNs;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the data plane on the host's kernel: the sleeve's TAP port {@value #TAP} on the bridge
 * and its UDP socket on the mesh port, and (unless disabled) the VXLAN devices and heartbeat
 * socket of the fast path. A failure undoes what was made and names the cause in one line.
 */
public final class DataPlanes {
    public static final String TAP = "vethwe-sleeve";
    static final String PCAP_BRIDGE_END = "vethwe-bridge";
    static final String PCAP_END = "vethwe-pcap";
    private static final Logger LOG = LoggerFactory.getLogger(DataPlanes.class);
    private static final int EADDRINUSE = 98;

    private DataPlanes() {
    }

    public static DataPlane start(DataPlaneConfig config, NetNs hostNs, Membership membership, MeshRoutes routes)
            throws DataPlaneException {
        Deque<AutoCloseable> made = new ArrayDeque<>();
        try {
            Netlink netlink = Netlink.open(hostNs);
            made.push(netlink);
            Links links = netlink.links();
            if (links.find(config.bridge()).isEmpty()) {
                throw new IllegalStateException("bridge " + config.bridge() + " does not exist");
            }
            KernelSleeveSocket socket = bind(hostNs, config.meshPort());
            made.push(socket);
            TapPort tap;
            String port;
            if ("packet".equals(System.getProperty("weft.sleeve.capture"))) {
                port = PCAP_BRIDGE_END;
                links.deleteIfExists(PCAP_BRIDGE_END);
                links.add(new Veth(LinkAttrs.named(PCAP_BRIDGE_END).withMtu(config.mtu()), PCAP_END, null));
                made.push(() -> links.deleteIfExists(PCAP_BRIDGE_END));
                links.setUp(PCAP_END);
                tap = PacketSocketPort.open(hostNs, links.get(PCAP_END).index());
            } else {
                port = TAP;
                tap = KernelTapPort.open(hostNs, TAP);
            }
            made.push(tap);
            links.setMtu(port, config.mtu());
            links.setMaster(port, config.bridge());
            links.setBridgePort(port, BridgePortFlags.UNCHANGED.withIsolated(true));
            links.setUp(port);
            VxlanDevices devices = null;
            FastPath fastPath = null;
            if (config.fastPath()) {
                VxlanDevices vxlan = new VxlanDevices(netlink, config.bridge(), config.mtu(), config.fastPathPort(),
                        Mac.parse(config.self().toString()));
                made.push(vxlan::remove);
                vxlan.ensure();
                KernelHeartbeatPort heartbeats = KernelHeartbeatPort.open(hostNs, vxlan.heartbeatIndex());
                made.push(heartbeats);
                devices = vxlan;
                fastPath = new FastPath(config.self().value(), heartbeats, config.mtu() + 14);
            }
            Sleeve sleeve = new Sleeve(config.self(), tap, socket, routes, membership);
            AutoCloseable release = port.equals(TAP) ? netlink : () -> {
                links.deleteIfExists(PCAP_BRIDGE_END);
                netlink.close();
            };
            DataPlane plane = new DataPlane(config, sleeve, fastPath, devices, port, release);
            plane.start();
            LOG.info("data plane: sleeve on UDP {} (TAP {}, GRO {}), {}, MTU {}", config.meshPort(), TAP,
                    socket.groEnabled() ? "on" : "off", config.fastPath() ? "fast path VXLAN on UDP "
                            + config.fastPathPort() : "no fast path", config.mtu());
            return plane;
        } catch (Exception e) {
            while (!made.isEmpty()) {
                try {
                    made.pop().close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new DataPlaneException(e.getMessage(), e);
        }
    }

    private static KernelSleeveSocket bind(NetNs ns, int port) throws Exception {
        try {
            return KernelSleeveSocket.bind(ns, null, port);
        } catch (NativeCallException e) {
            if (e.errno() == EADDRINUSE) {
                throw new IllegalStateException("sleeve: UDP port " + port + " is in use by another program", e);
            }
            throw e;
        }
    }
}
