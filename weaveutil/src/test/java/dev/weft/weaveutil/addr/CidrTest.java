package dev.weft.weaveutil.addr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CidrTest {

    @Test
    void parsesAndPrintsRoundTrip() {
        Cidr c = Cidr.parse("10.32.0.1/12");
        assertEquals("10.32.0.1/12", c.toString());
        assertEquals("10.32.0.0/12", c.network().toString());
        assertEquals("10.47.255.255", c.last().toString());
        assertEquals(1L << 20, c.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.32.0.0", "10.32.0.0/33", "10.32.0/12", "10.256.0.0/12", "a.b.c.d/8", "10.0.0.0/", "/8", "1.2.3.4/-1"})
    void rejectsMalformedInput(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text));
        assertTrue(e.getMessage().contains(text), e.getMessage());
    }

    @Test
    void subnetMustHaveZeroHostBits() {
        assertEquals("10.32.0.0/12", Cidr.parseSubnet("10.32.0.0/12").toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cidr.parseSubnet("10.32.0.1/12"));
        assertEquals("invalid subnet - bits after network prefix are not all zero: 10.32.0.1/12", e.getMessage());
    }

    @Test
    void overlapAndContainment() {
        Cidr range = Cidr.parse("10.32.0.0/12");
        assertTrue(range.overlaps(Cidr.parse("10.0.0.0/8")));
        assertTrue(range.contains(Cidr.parse("10.40.0.0/16")));
        assertFalse(range.overlaps(Cidr.parse("10.48.0.0/12")));
        assertTrue(Cidr.parse("0.0.0.0/0").contains(Ipv4.parse("255.255.255.255")));
    }

    @Test
    void bytesAreNetworkOrder() {
        Ipv4 ip = Ipv4.parse("198.18.0.11");
        assertEquals(ip, Ipv4.fromBytes(ip.toBytes()));
        assertEquals((byte) 198, ip.toBytes()[0]);
        assertTrue(Ipv4.parse("200.0.0.0").compareTo(Ipv4.parse("10.0.0.0")) > 0);
    }
}
