package dev.weft.weaveutil.model;

import dev.weft.weaveutil.addr.Mac;

/**
 * What every link has. When creating a link, zero/null fields mean "kernel default"; {@code flags}
 * with IFF_UP creates it up.
 *
 * @param index       interface index (0 when creating)
 * @param mtu         0 = default
 * @param mac         null = random/default
 * @param flags       IFF_* flags
 * @param masterIndex index of the bridge it is enslaved to, 0 if none
 * @param parentIndex IFLA_LINK: a veth's peer, a macvlan's parent; 0 if none
 */
public record LinkAttrs(int index, String name, int mtu, Mac mac, int flags, int masterIndex, int parentIndex) {
    private static final int IFF_UP = 0x1;

    public static LinkAttrs named(String name) {
        return new LinkAttrs(0, name, 0, null, 0, 0, 0);
    }

    public LinkAttrs withMtu(int newMtu) {
        return new LinkAttrs(index, name, newMtu, mac, flags, masterIndex, parentIndex);
    }

    public LinkAttrs withMac(Mac newMac) {
        return new LinkAttrs(index, name, mtu, newMac, flags, masterIndex, parentIndex);
    }

    public LinkAttrs withMaster(int newMasterIndex) {
        return new LinkAttrs(index, name, mtu, mac, flags, newMasterIndex, parentIndex);
    }

    public LinkAttrs withParent(int newParentIndex) {
        return new LinkAttrs(index, name, mtu, mac, flags, masterIndex, newParentIndex);
    }

    public LinkAttrs up() {
        return new LinkAttrs(index, name, mtu, mac, flags | IFF_UP, masterIndex, parentIndex);
    }

    public boolean isUp() {
        return (flags & IFF_UP) != 0;
    }
}
