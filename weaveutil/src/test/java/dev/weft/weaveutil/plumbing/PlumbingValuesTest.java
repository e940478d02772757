package dev.weft.weaveutil.plumbing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.weaveutil.addr.Ipv4;
import dev.weft.weaveutil.addr.Mac;
import org.junit.jupiter.api.Test;

class PlumbingValuesTest {

    @Test
    void vethNamesFitInFifteenCharacters() {
        assertEquals("vethwepl4242", VethNames.hostEnd(4242));
        assertEquals("vethwepl1234567", VethNames.hostEnd("123456789"));
        assertEquals("vethwepg1234567", VethNames.containerEnd("123456789"));
    }

    @Test
    void attachOptionsDefaultToTheOriginalsBehaviour() {
        AttachOptions d = AttachOptions.defaults();
        assertEquals(new AttachOptions(true, false, true, "ethwe", 0), d);
        assertEquals("ethwe", new AttachOptions(true, false, true, null, 0).ifName());
        assertThrows(IllegalArgumentException.class, () -> new AttachOptions(true, false, true, "way-too-long-name", 0));
    }

    @Test
    void gratuitousArpAnnouncesTheAddressAsBothSenderAndTarget() {
        byte[] arp = GratuitousArp.payload(Mac.parse("02:00:0a:20:00:05"), Ipv4.parse("10.32.0.5"));
        assertArrayEquals(new byte[] {
            0, 1, 8, 0, 6, 4, 0, 1,
            2, 0, 10, 32, 0, 5, 10, 32, 0, 5,
            0, 0, 0, 0, 0, 0, 10, 32, 0, 5}, arp);
    }
}
