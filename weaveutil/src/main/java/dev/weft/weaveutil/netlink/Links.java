package dev.weft.weaveutil.netlink;

import dev.weft.weaveutil.addr.Mac;
import dev.weft.weaveutil.model.BridgePortFlags;
import dev.weft.weaveutil.model.Link;
import dev.weft.weaveutil.model.Veth;
import dev.weft.weaveutil.nl.Errno;
import dev.weft.weaveutil.nl.LinkCodec;
import dev.weft.weaveutil.nl.MessageBuilder;
import dev.weft.weaveutil.nl.NetlinkConnection;
import dev.weft.weaveutil.nl.NetlinkException;
import dev.weft.weaveutil.nl.Nl;
import dev.weft.weaveutil.ns.NetNs;
import java.util.List;
import java.util.Optional;

/** Link operations ({@code ip link ...}) in one namespace. */
public final class Links {
    private final NetlinkConnection connection;

    Links(NetlinkConnection connection) {
        this.connection = connection;
    }

    /** {@code ip link show}. */
    public List<Link> list() {
        return connection.dump("list links", LinkCodec.dumpRequest()).stream()
                .filter(m -> m.type() == Nl.RTM_NEWLINK).map(LinkCodec::decode).toList();
    }

    /** {@code ip link show dev NAME}; empty if there is no such link. */
    public Optional<Link> find(String name) {
        LinkNames.requireValid(name);
        try {
            return Optional.of(LinkCodec.decode(connection.query("get link " + name, LinkCodec.getByName(name))));
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ENODEV) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The link with this interface index, if any. */
    public Optional<Link> find(int index) {
        try {
            return Optional.of(LinkCodec.decode(connection.query("get link #" + index, LinkCodec.getByIndex(index))));
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ENODEV) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Like {@link #find(String)} but a missing link is a {@link LinkNotFoundException}. */
    public Link get(String name) {
        return find(name).orElseThrow(() -> new LinkNotFoundException("get link " + name));
    }

    /**
     * {@code ip link add NAME [mtu M] [address MAC] [master BR] type KIND ...}; for a veth with a
     * peer namespace, {@code ... type veth peer name PEER netns NS}. A bridge at 65535 MTU is fine.
     */
    public void add(Link link) {
        LinkNames.requireValid(link.name());
        if (link instanceof Veth veth) {
            LinkNames.requireValid(veth.peerName());
        }
        connection.execute("add " + link.kind() + " " + link.name(), LinkCodec.newLink(link));
    }

    /** {@code ip link set dev NAME up}. */
    public void setUp(String name) {
        change("set " + name + " up", LinkCodec.setUp(0, LinkNames.requireValid(name), true));
    }

    /** {@code ip link set dev NAME down}. */
    public void setDown(String name) {
        change("set " + name + " down", LinkCodec.setUp(0, LinkNames.requireValid(name), false));
    }

    /** {@code ip link set dev NAME mtu MTU}. */
    public void setMtu(String name, int mtu) {
        change("set mtu of " + name + " to " + mtu, target(name).attributeU32(Nl.IFLA_MTU, mtu));
    }

    /** {@code ip link set dev NAME address MAC}. */
    public void setMac(String name, Mac mac) {
        change("set address of " + name + " to " + mac, target(name).attribute(Nl.IFLA_ADDRESS, mac.toBytes()));
    }

    /** {@code ip link set dev NAME master MASTER}, or {@code nomaster} when master is null. */
    public void setMaster(String name, String master) {
        int masterIndex = master == null ? 0 : get(master).index();
        change("set master of " + name + " to " + (master == null ? "none" : master),
                target(name).attributeU32(Nl.IFLA_MASTER, masterIndex));
    }

    /** {@code ip link set dev NAME name NEWNAME} (the link must be down). */
    public void rename(String name, String newName) {
        LinkNames.requireValid(newName);
        int index = get(name).index();
        change("rename " + name + " to " + newName,
                LinkCodec.change(index, null).attributeString(Nl.IFLA_IFNAME, newName));
    }

    /** {@code ip link set dev NAME netns NS}. */
    public void moveTo(String name, NetNs ns) {
        change("move " + name + " to " + ns.path(), target(name).attributeU32(Nl.IFLA_NET_NS_FD, ns.fd()));
    }

    /** {@code ip link set dev NAME type bridge_slave hairpin on|off}. */
    public void setHairpin(String name, boolean on) {
        int index = get(name).index();
        change("set hairpin " + (on ? "on" : "off") + " for " + name, LinkCodec.setHairpin(index, on));
    }

    /**
     * {@code bridge link set dev NAME isolated on|off learning on|off flood on|off mcast_flood on|off
     * bcast_flood on|off}: the flags that are not null.
     */
    public void setBridgePort(String name, BridgePortFlags flags) {
        int index = get(name).index();
        change("set bridge port flags " + flags + " for " + name, LinkCodec.setBridgePort(index, flags));
    }

    /** {@code bridge -d link show dev NAME}: the port's flags, empty when NAME is not a bridge port. */
    public Optional<BridgePortFlags> bridgePort(String name) {
        int index = get(name).index();
        return connection.dump("list bridge ports", LinkCodec.dumpRequest(Nl.AF_BRIDGE)).stream()
                .filter(m -> m.type() == Nl.RTM_NEWLINK && LinkCodec.decode(m).index() == index)
                .map(LinkCodec::decodeBridgePort).findFirst();
    }

    /** {@code ip link delete dev NAME}; a missing link is a {@link LinkNotFoundException}. */
    public void delete(String name) {
        change("delete link " + name, LinkCodec.delete(0, LinkNames.requireValid(name)));
    }

    /** {@code ip link delete dev NAME}, where a missing link is fine; true if something was deleted. */
    public boolean deleteIfExists(String name) {
        return changeIfExists("delete link " + name, LinkCodec.delete(0, LinkNames.requireValid(name)));
    }

    /** {@code ip link set dev #INDEX down nomaster group GROUP}, as one request. */
    public void retire(int index, int group) {
        change("retire link #" + index + " into group " + group, LinkCodec.retire(index, group));
    }

    /** {@code ip link delete dev #INDEX}; false if there was no such link. */
    public boolean deleteIfExists(int index) {
        return changeIfExists("delete link #" + index, LinkCodec.delete(index, null));
    }

    /**
     * {@code ip link delete group GROUP}: every link in the group goes in one request, so the
     * kernel's wait for unregistration is paid once. False if the group had no link.
     */
    public boolean deleteGroup(int group) {
        return changeIfExists("delete link group " + group, LinkCodec.deleteGroup(group));
    }

    private static MessageBuilder target(String name) {
        return LinkCodec.change(0, LinkNames.requireValid(name));
    }

    /** {@link #change}, where a missing link is fine: false then. */
    private boolean changeIfExists(String operation, MessageBuilder request) {
        try {
            change(operation, request);
            return true;
        } catch (LinkNotFoundException e) {
            return false;
        }
    }

    private void change(String operation, MessageBuilder request) {
        try {
            connection.execute(operation, request);
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ENODEV && !(e instanceof LinkNotFoundException)) {
                throw new LinkNotFoundException(operation);
            }
            throw e;
        }
    }
}
