package dev.weft.weaveutil.model;

/** A TUN or TAP device as seen in a link dump; created through /dev/net/tun, not netlink. */
public record Tuntap(LinkAttrs attrs, boolean tap) implements Link {
    @Override
    public String kind() {
        return "tun";
    }
}
