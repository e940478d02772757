package dev.weft.router.attach;

import dev.weft.weaveutil.addr.Ipv4;

/** One {@code --add-host <name>:<ip>} entry for a rewritten /etc/hosts. */
public record ExtraHost(String name, Ipv4 ip) {

    public static ExtraHost parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || !Ipv4.isValid(text.substring(colon + 1))) {
            throw new IllegalArgumentException("invalid add-host " + text + ": expected <name>:<ip>");
        }
        return new ExtraHost(text.substring(0, colon), Ipv4.parse(text.substring(colon + 1)));
    }
}
