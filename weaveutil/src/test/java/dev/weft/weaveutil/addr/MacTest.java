package dev.weft.weaveutil.addr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MacTest {

    @Test
    void parsesPrintsAndConvertsToBytes() {
        Mac mac = Mac.parse("02:AB:cd:00:0f:10");
        assertEquals("02:ab:cd:00:0f:10", mac.toString());
        assertArrayEquals(new byte[] {2, (byte) 0xab, (byte) 0xcd, 0, 15, 16}, mac.toBytes());
        assertEquals(mac, Mac.fromBytes(mac.toBytes()));
    }

    @Test
    void randomAddressesAreLocallyAdministeredUnicast() {
        for (int i = 0; i < 100; i++) {
            byte first = Mac.randomLocal().toBytes()[0];
            assertEquals(0x02, first & 0x03);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "02:ab:cd:00:0f", "02:ab:cd:00:0f:10:11", "02:ab:cd:00:0f:zz", "02:ab:cd:00:0f:100"})
    void rejectsMalformedInput(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Mac.parse(text));
        assertEquals("invalid MAC address: " + text, e.getMessage());
    }
}
