package dev.weft.router.attach;

import dev.weft.weaveutil.addr.Cidr;

/**
 * One {@code <addr>} as the user typed it: {@code [ip:]<cidr>} (that exact address),
 * {@code net:<cidr>} (allocate in that subnet) or {@code net:default} (allocate in the default subnet).
 */
public sealed interface AddrSpec {

    record Exact(Cidr cidr) implements AddrSpec {}

    record InSubnet(Cidr subnet) implements AddrSpec {}

    record DefaultSubnet() implements AddrSpec {}

    /** @throws IllegalArgumentException with a one-line message naming the text */
    static AddrSpec parse(String text) {
        if (text.equals("net:default")) {
            return new DefaultSubnet();
        }
        if (text.startsWith("net:")) {
            try {
                return new InSubnet(Cidr.parseSubnet(text.substring(4)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid address " + text + ": " + e.getMessage());
            }
        }
        String cidr = text.startsWith("ip:") ? text.substring(3) : text;
        if (!Cidr.isValid(cidr)) {
            throw new IllegalArgumentException("invalid address " + text
                    + ": expected [ip:]<ip>/<len>, net:<subnet>/<len> or net:default");
        }
        return new Exact(Cidr.parse(cidr));
    }
}
