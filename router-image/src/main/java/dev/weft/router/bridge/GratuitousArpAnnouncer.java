package dev.weft.router.bridge;

import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.jna.PacketSocket;
import dev.weft.weaveutil.model.Link;
import dev.weft.weaveutil.ns.NetNs;
import dev.weft.weaveutil.plumbing.GratuitousArp;
import dev.weft.weaveutil.plumbing.NetlinkPlumbing;

/** Broadcasts one gratuitous ARP for the address from the link's MAC, from inside the link's namespace. */
public final class GratuitousArpAnnouncer implements AddressAnnouncer {
    private final NetlinkPlumbing plumbing;
    private final NetNs ns;

    public GratuitousArpAnnouncer(NetlinkPlumbing plumbing, NetNs ns) {
        this.plumbing = plumbing;
        this.ns = ns;
    }

    @Override
    public void announce(String linkName, Cidr address) {
        Link link = plumbing.hostNetlink().links().get(linkName);
        byte[] payload = GratuitousArp.payload(link.mac(), address.address());
        ns.run(() -> PacketSocket.send(link.index(), PacketSocket.ETH_P_ARP, GratuitousArp.BROADCAST, payload));
    }
}
