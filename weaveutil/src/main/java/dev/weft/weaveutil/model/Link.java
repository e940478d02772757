package dev.weft.weaveutil.model;

import dev.weft.weaveutil.addr.Mac;

/** A network interface, by kind. Decoded from RTM_NEWLINK replies and used to describe new links. */
public sealed interface Link permits Bridge, Veth, Vxlan, Macvlan, Dummy, Tuntap, Device {

    LinkAttrs attrs();

    /** The rtnetlink kind ({@code IFLA_INFO_KIND}), empty for physical devices and loopback. */
    String kind();

    default String name() {
        return attrs().name();
    }

    default int index() {
        return attrs().index();
    }

    default int mtu() {
        return attrs().mtu();
    }

    default Mac mac() {
        return attrs().mac();
    }

    default boolean isUp() {
        return attrs().isUp();
    }
}
