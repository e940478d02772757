package dev.weft.router.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.weaveutil.addr.Cidr;
import org.junit.jupiter.api.Test;

class AddrSpecTest {

    @Test
    void parsesTheFourForms() {
        assertEquals(new AddrSpec.Exact(Cidr.parse("10.2.1.1/24")), AddrSpec.parse("ip:10.2.1.1/24"));
        assertEquals(new AddrSpec.Exact(Cidr.parse("10.2.1.1/24")), AddrSpec.parse("10.2.1.1/24"));
        assertEquals(new AddrSpec.InSubnet(Cidr.parse("10.2.0.0/16")), AddrSpec.parse("net:10.2.0.0/16"));
        assertEquals(new AddrSpec.DefaultSubnet(), AddrSpec.parse("net:default"));
    }

    @Test
    void rejectsWithOneLineNamingTheInput() {
        assertEquals("invalid address 10.2.1.1: expected [ip:]<ip>/<len>, net:<subnet>/<len> or net:default",
                assertThrows(IllegalArgumentException.class, () -> AddrSpec.parse("10.2.1.1")).getMessage());
        assertEquals("invalid address net:10.2.0.1/16: invalid subnet - bits after network prefix are not all zero: 10.2.0.1/16",
                assertThrows(IllegalArgumentException.class, () -> AddrSpec.parse("net:10.2.0.1/16")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> AddrSpec.parse("ip:300.1.1.1/8"));
    }

    @Test
    void extraHostSplitsAtTheLastColon() {
        assertEquals(new ExtraHost("db.example", dev.weft.weaveutil.addr.Ipv4.parse("10.0.0.9")),
                ExtraHost.parse("db.example:10.0.0.9"));
        assertEquals("invalid add-host db: expected <name>:<ip>",
                assertThrows(IllegalArgumentException.class, () -> ExtraHost.parse("db")).getMessage());
    }
}
