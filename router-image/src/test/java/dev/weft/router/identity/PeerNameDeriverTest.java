package dev.weft.router.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerNameDeriverTest {

    @TempDir
    Path host;

    @TempDir
    Path sys;

    private PeerNameDeriver deriver(Map<String, String> bridges) {
        return new PeerNameDeriver(name -> Optional.ofNullable(bridges.get(name)), host, sys, new Random(7));
    }

    @Test
    void explicitNameWinsAndMayBeAbbreviated() {
        PeerNameDeriver d = deriver(Map.of("weave", "aa:bb:cc:dd:ee:ff"));
        assertEquals("00:00:00:00:00:01", d.derive("::1", "weave").toString());
        assertEquals("8a:3e:00:00:00:3e", d.derive("8A:3E::3E", "weave").toString());
    }

    @Test
    void existingBridgeMacIsReusedSoRestartsKeepTheName() throws IOException {
        write(host, "etc/machine-id", "0123456789abcdef0123456789abcdef\n");
        assertEquals("aa:bb:cc:dd:ee:ff", deriver(Map.of("weave", "aa:bb:cc:dd:ee:ff")).derive(null, "weave").toString());
    }

    @Test
    void machineIdHashIsTheSaltedSha256WithLocalBitSetAndMulticastCleared() throws Exception {
        write(host, "etc/machine-id", "0123456789abcdef0123456789abcdef\n");
        write(sys, "sys/class/dmi/id/product_uuid", "4C4C4544-0042-3510-8052-B4C04F4E4B32\n");
        byte[] h = MessageDigest.getInstance("SHA-256").digest(
                ("9oBJ0Jmip-0123456789abcdef0123456789abcdef4C4C4544-0042-3510-8052-B4C04F4E4B32")
                        .getBytes(StandardCharsets.UTF_8));
        h[0] = (byte) ((h[0] & 0xfe) | 0x02);
        PeerName expected = PeerName.fromBytes(h);

        PeerName name = deriver(Map.of()).derive("", "weave");

        assertEquals(expected, name);
        assertEquals(0x02, (name.value() >>> 40) & 0x03, "local bit set, multicast bit clear");
        assertEquals(name, deriver(Map.of()).derive(null, "weave"), "stable across runs");
    }

    @Test
    void dbusMachineIdIsTheFallbackAndProductUuidIsOptional() throws IOException {
        write(host, "var/lib/dbus/machine-id", "feedface\n");
        PeerName withoutUuid = deriver(Map.of()).derive(null, "weave");
        write(sys, "sys/hypervisor/uuid", "ec2abcd\n");
        assertNotEquals(withoutUuid, deriver(Map.of()).derive(null, "weave"));
    }

    @Test
    void withNothingToGoOnTheNameIsRandomButStillLocalUnicast() {
        PeerName a = deriver(Map.of()).derive(null, "weave");
        PeerName b = new PeerNameDeriver(BridgeMacLookup.NONE, host, sys, new Random(8)).derive(null, "weave");
        assertNotEquals(a, b);
        assertEquals(0x02, (a.value() >>> 40) & 0x03);
    }

    @Test
    void badExplicitNamesAreRejectedWithTheirText() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> deriver(Map.of()).derive("zz:11", "weave"));
        assertTrue(e.getMessage().startsWith("invalid peer name: zz:11"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PeerName.parse("1:2:3:4:5:6:7"));
        assertThrows(IllegalArgumentException.class, () -> PeerName.parse("1::2::3"));
        assertThrows(IllegalArgumentException.class, () -> PeerName.parse("100:2:3:4:5:6"));
    }

    @Test
    void sysfsLookupReadsTheAddressFile() throws IOException {
        write(sys, "weave/address", "12:34:56:78:9a:bc\n");
        assertEquals(Optional.of("12:34:56:78:9a:bc"), new SysfsBridgeMacLookup(sys).macOf("weave"));
        assertEquals(Optional.empty(), new SysfsBridgeMacLookup(sys).macOf("nope"));
    }

    private static void write(Path root, String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
