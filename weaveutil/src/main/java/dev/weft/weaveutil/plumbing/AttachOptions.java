package dev.weft.weaveutil.plumbing;

import dev.weft.weaveutil.netlink.LinkNames;

/**
 * How {@link Plumbing#attachContainer} wires a container.
 *
 * @param multicastRoute add {@code 224.0.0.0/4 dev ethwe scope link} ({@code --no-multicast-route} turns it off)
 * @param keepTxOn       leave TX checksum offload on for the container end ({@code --keep-tx-on})
 * @param hairpin        hairpin mode on the host end ({@code --hairpin-mode=false} turns it off)
 * @param ifName         name of the container interface, normally {@code ethwe}
 * @param mtu            MTU of the veth; 0 = the bridge's
 */
public record AttachOptions(boolean multicastRoute, boolean keepTxOn, boolean hairpin, String ifName, int mtu) {
    public static final String DEFAULT_INTERFACE = "ethwe";

    public AttachOptions {
        if (ifName == null) {
            ifName = DEFAULT_INTERFACE;
        }
        LinkNames.requireValid(ifName);
        if (mtu < 0) {
            throw new IllegalArgumentException("invalid MTU: " + mtu);
        }
    }

    /** What {@code weave attach} does without flags. */
    public static AttachOptions defaults() {
        return new AttachOptions(true, false, true, DEFAULT_INTERFACE, 0);
    }

    public AttachOptions withMulticastRoute(boolean on) {
        return new AttachOptions(on, keepTxOn, hairpin, ifName, mtu);
    }

    public AttachOptions withKeepTxOn(boolean on) {
        return new AttachOptions(multicastRoute, on, hairpin, ifName, mtu);
    }

    public AttachOptions withHairpin(boolean on) {
        return new AttachOptions(multicastRoute, keepTxOn, on, ifName, mtu);
    }
}
