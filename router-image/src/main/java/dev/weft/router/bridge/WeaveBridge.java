package dev.weft.router.bridge;

import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.ns.NetNs;
import dev.weft.weaveutil.plumbing.Plumbing;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code weave} Linux bridge on the host: created at router start with the overlay's MTU and
 * the peer name as its MAC, with IPv6 router advertisements off and short ARP timers so a moved
 * address is relearnt quickly; {@code weave reset} deletes it from the CLI.
 */
public final class WeaveBridge {
    /** The VXLAN fast path's MTU: 1460 - 20 IP - 8 UDP - 8 VXLAN - 14 Ethernet - 34 room for ESP. */
    public static final int DEFAULT_MTU = 1376;
    public static final String DEFAULT_NAME = "weave";
    private static final Logger LOG = LoggerFactory.getLogger(WeaveBridge.class);

    private final Plumbing plumbing;
    private final NetNs hostNs;
    private final String name;
    private final int mtu;
    private final String mac;

    /**
     * @param hostNs the host's network namespace, where the bridge's sysctls are written
     * @param mac    the peer name, e.g. {@code 8a:3e:3e:3e:3e:3e}
     */
    public WeaveBridge(Plumbing plumbing, NetNs hostNs, String name, int mtu, String mac) {
        if (mtu < 576 || mtu > 65535) {
            throw new IllegalArgumentException("invalid MTU " + mtu + ": must be between 576 and 65535");
        }
        this.plumbing = plumbing;
        this.hostNs = hostNs;
        this.name = name;
        this.mtu = mtu;
        this.mac = mac;
    }

    public String name() {
        return name;
    }

    public String mac() {
        return mac;
    }

    public int mtu() {
        return mtu;
    }

    /** Creates the bridge or brings an existing one to the wanted MTU, MAC and settings. Idempotent. */
    public void ensure() {
        plumbing.ensureBridge(name, mtu, mac);
        try {
            plumbing.setSysctl(hostNs, "net/ipv6/conf/" + name + "/accept_ra", "0");
        } catch (RuntimeException e) {
            LOG.info("bridge {}: IPv6 router advertisements left alone ({})", name, e.getMessage());
        }
        plumbing.setSysctl(hostNs, "net/ipv4/neigh/" + name + "/base_reachable_time", "5");
        plumbing.setSysctl(hostNs, "net/ipv4/neigh/" + name + "/delay_first_probe_time", "2");
        plumbing.setSysctl(hostNs, "net/ipv4/neigh/" + name + "/ucast_solicit", "1");
    }

    public List<Cidr> addresses() {
        return plumbing.bridgeAddresses(name);
    }

    /** @return false when the address was there already */
    public boolean addAddress(Cidr cidr) {
        return plumbing.addBridgeAddress(name, cidr);
    }

    /** @return false when the address was not there */
    public boolean removeAddress(Cidr cidr) {
        return plumbing.deleteBridgeAddress(name, cidr);
    }
}
