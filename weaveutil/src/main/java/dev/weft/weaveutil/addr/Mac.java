package dev.weft.weaveutil.addr;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/** A 48-bit Ethernet address, printed as {@code aa:bb:cc:dd:ee:ff}. */
public record Mac(long bits) {

    public Mac {
        if ((bits & ~0xffff_ffff_ffffL) != 0) {
            throw new IllegalArgumentException("MAC address wider than 48 bits: " + Long.toHexString(bits));
        }
    }

    public static Mac parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length != 6) {
            throw new IllegalArgumentException("invalid MAC address: " + text);
        }
        long value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 2 || !part.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw new IllegalArgumentException("invalid MAC address: " + text);
            }
            value = (value << 8) | Integer.parseInt(part, 16);
        }
        return new Mac(value);
    }

    public static Mac fromBytes(byte[] b) {
        if (b.length != 6) {
            throw new IllegalArgumentException("MAC address needs 6 bytes, got " + b.length);
        }
        long value = 0;
        for (byte x : b) {
            value = (value << 8) | (x & 0xff);
        }
        return new Mac(value);
    }

    /** A random unicast, locally administered address. */
    public static Mac randomLocal() {
        long value = ThreadLocalRandom.current().nextLong() & 0xffff_ffff_ffffL;
        value = (value & ~(0x01L << 40)) | (0x02L << 40);
        return new Mac(value);
    }

    public byte[] toBytes() {
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) (bits >>> (40 - 8 * i));
        }
        return b;
    }

    @Override
    public String toString() {
        byte[] b = toBytes();
        return String.format(Locale.ROOT, "%02x:%02x:%02x:%02x:%02x:%02x", b[0], b[1], b[2], b[3], b[4], b[5]);
    }
}
