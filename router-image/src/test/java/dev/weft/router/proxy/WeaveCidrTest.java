package dev.weft.router.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.router.attach.AddrSpec;
import dev.weft.weaveutil.addr.Cidr;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeaveCidrTest {
    private static final List<AddrSpec> DEFAULT = List.of(new AddrSpec.DefaultSubnet());

    @Test
    void withoutTheVariableTheDefaultSubnetUnlessDisabled() {
        assertEquals(DEFAULT, WeaveCidr.decide("", List.of("PATH=/bin"), false).addrs());
        assertEquals(DEFAULT, WeaveCidr.decide("default", null, false).addrs());
        WeaveCidr.Decision off = WeaveCidr.decide("bridge", List.of(), true);
        assertFalse(off.attach());
        assertEquals("no WEAVE_CIDR and --no-default-ipalloc", off.skipReason());
    }

    @Test
    void listsOfAddressesInTheUsersOrder() {
        assertEquals(List.of(new AddrSpec.Exact(Cidr.parse("10.2.1.1/24")), new AddrSpec.InSubnet(Cidr.parse("10.3.0.0/16")),
                        new AddrSpec.DefaultSubnet(), new AddrSpec.Exact(Cidr.parse("10.4.0.9/8"))),
                WeaveCidr.decide("none", List.of("WEAVE_CIDR= 10.2.1.1/24  net:10.3.0.0/16\tnet:default ip:10.4.0.9/8 "),
                        true).addrs());
    }

    @Test
    void emptyMeansTheDefaultSubnetNoneMeansNoAttachment() {
        assertEquals(DEFAULT, WeaveCidr.decide("", List.of("WEAVE_CIDR="), true).addrs());
        assertFalse(WeaveCidr.decide("", List.of("WEAVE_CIDR=none"), false).attach());
    }

    @Test
    void theFirstDefinitionCounts() {
        assertFalse(WeaveCidr.decide("", List.of("WEAVE_CIDR=none", "WEAVE_CIDR=10.2.1.1/24"), false).attach());
    }

    @Test
    void otherNetworkModesAreLeftAlone() {
        for (String mode : List.of("host", "container:abc", "mynet")) {
            WeaveCidr.Decision d = WeaveCidr.decide(mode, List.of("WEAVE_CIDR=10.2.1.1/24"), false);
            assertFalse(d.attach(), mode);
            assertEquals("network mode " + mode + " is not the default bridge", d.skipReason());
        }
    }

    @Test
    void malformedItemsAreABadRequestNamingThem() {
        ProxyException e = assertThrows(ProxyException.class,
                () -> WeaveCidr.decide("", List.of("WEAVE_CIDR=10.2.1.1/24 10.2.1.300/24"), false));
        assertEquals(400, e.status());
        assertEquals("WEAVE_CIDR=\"10.2.1.1/24 10.2.1.300/24\": invalid address 10.2.1.300/24: "
                + "expected [ip:]<ip>/<len>, net:<subnet>/<len> or net:default", e.getMessage());
        assertEquals(400, assertThrows(ProxyException.class,
                () -> WeaveCidr.decide("", List.of("WEAVE_CIDR=net:10.2.1.1/24"), false)).status());
    }
}
