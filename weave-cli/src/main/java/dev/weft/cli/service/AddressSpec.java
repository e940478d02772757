package dev.weft.cli.service;

import dev.weft.cli.WeaveException;
import dev.weft.weaveutil.addr.Cidr;

/**
 * One {@code <addr>} argument (SPEC §1.3): {@code [ip:]<cidr>} names an exact address,
 * {@code net:<cidr>} asks for one in a subnet, {@code net:default} for one in the default subnet.
 *
 * @param text the argument as typed, which is what the router's {@code addr} parameter takes
 * @param cidr the address or subnet; null for {@code net:default}
 */
public record AddressSpec(String text, Kind kind, Cidr cidr) {

    public enum Kind { ADDRESS, SUBNET, DEFAULT_SUBNET }

    public static AddressSpec parse(String text) {
        try {
            if (text.equals("net:default")) {
                return new AddressSpec(text, Kind.DEFAULT_SUBNET, null);
            }
            if (text.startsWith("net:")) {
                return new AddressSpec(text, Kind.SUBNET, Cidr.parseSubnet(text.substring(4)));
            }
            return new AddressSpec(text, Kind.ADDRESS, Cidr.parse(text.startsWith("ip:") ? text.substring(3) : text));
        } catch (IllegalArgumentException e) {
            throw WeaveException.error("invalid address '" + text + "' (" + e.getMessage()
                    + "): expected [ip:]<ip>/<len>, net:<ip>/<len> or net:default");
        }
    }

    /** The part of an IPAM path naming the subnet: empty for the default subnet. */
    public String subnetPath() {
        return cidr == null ? "" : "/" + cidr.network();
    }
}
