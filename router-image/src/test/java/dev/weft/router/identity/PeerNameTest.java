package dev.weft.router.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PeerNameTest {
    @ParameterizedTest
    @CsvSource({
        "8a:3e:3e:3e:3e:3e, 8a:3e:3e:3e:3e:3e",
        "8A:3E:3E:3E:3E:3E, 8a:3e:3e:3e:3e:3e",
        "::1, 00:00:00:00:00:01",
        "aa::, aa:00:00:00:00:00",
        "1:2::3, 01:02:00:00:00:03",
        "::, 00:00:00:00:00:00",
    })
    void parsesAndPrintsInFullForm(String text, String printed) {
        assertEquals(printed, PeerName.parse(text).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "8a:3e:3e:3e:3e", "8a:3e:3e:3e:3e:3e:3e", "8a::3e::3e", "1:2:3::4:5:6", "zz::",
        "123::", "8a:3e:3e:3e:3e:"})
    void rejectsMalformedNames(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PeerName.parse(text));
        assertEquals("invalid peer name: " + text + " (expected a MAC address such as 8a:3e:3e:3e:3e:3e)", e.getMessage());
        assertFalse(PeerName.isValid(text));
    }

    @ParameterizedTest
    @CsvSource({"::1, ::2", "00:00:00:00:01:00, 00:00:00:00:01:01", "7f::, 80::"})
    void ordersByValue(String lower, String higher) {
        assertEquals(-1, Integer.signum(PeerName.parse(lower).compareTo(PeerName.parse(higher))));
    }
}
