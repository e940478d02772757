package dev.weft.weaveutil.model;

import dev.weft.weaveutil.ns.NetNs;

/**
 * One end of a veth pair. In a dump only {@code attrs} are known (the peer's index is
 * {@code attrs.parentIndex()}); when creating, {@code peerName} names the other end and
 * {@code peerNamespace}, if not null, is where the kernel puts it directly.
 */
public record Veth(LinkAttrs attrs, String peerName, NetNs peerNamespace) implements Link {

    public static Veth pair(LinkAttrs attrs, String peerName, NetNs peerNamespace) {
        return new Veth(attrs, peerName, peerNamespace);
    }

    @Override
    public String kind() {
        return "veth";
    }
}
