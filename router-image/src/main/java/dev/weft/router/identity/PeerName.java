package dev.weft.router.identity;


/**
 * A mesh peer's name: a 48-bit value written like a MAC address, {@code 8a:3e:3e:3e:3e:3e}. A run of
 * zero bytes may be abbreviated {@code ::} as in IPv6, e.g. {@code ::1} is {@code 00:00:00:00:00:01}.
 */
public record PeerName(long value) implements Comparable<PeerName> {
    private static final int BYTES = 6;

    public PeerName {
        if (value < 0 || value >= (1L << 48)) {
            throw new IllegalArgumentException("peer name out of 48-bit range: " + value);
        }
    }

    public static PeerName parse(String text) {
        int gap = text.indexOf("::");
        long[] head;
        long[] tail;
        if (gap >= 0) {
            if (text.indexOf("::", gap + 1) >= 0) {
                throw invalid(text);
            }
            head = octets(text.substring(0, gap), text);
            tail = octets(text.substring(gap + 2), text);
            if (head.length + tail.length >= BYTES) {
                throw invalid(text);
            }
        } else {
            head = octets(text, text);
            tail = new long[0];
            if (head.length != BYTES) {
                throw invalid(text);
            }
        }
        long value = 0;
        for (long b : head) {
            value = (value << 8) | b;
        }
        value <<= 8L * (BYTES - head.length);
        long low = 0;
        for (long b : tail) {
            low = (low << 8) | b;
        }
        return new PeerName(value | low);
    }

    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static long[] octets(String part, String whole) {
        if (part.isEmpty()) {
            return new long[0];
        }
        String[] pieces = part.split(":", -1);
        long[] result = new long[pieces.length];
        for (int i = 0; i < pieces.length; i++) {
            String p = pieces[i];
            if (p.isEmpty() || p.length() > 2 || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw invalid(whole);
            }
            result[i] = Long.parseLong(p, 16);
        }
        return result;
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("invalid peer name: " + text + " (expected a MAC address such as 8a:3e:3e:3e:3e:3e)");
    }

    /** From the first six bytes of {@code bytes}. */
    public static PeerName fromBytes(byte[] bytes) {
        long result = 0;
        for (int i = 0; i < BYTES; i++) {
            result = (result << 8) | (bytes[i] & 0xff);
        }
        return new PeerName(result);
    }

    /** Clears the multicast bit and sets the locally-administered bit of the first byte. */
    public PeerName asLocalUnicast() {
        long first = (value >>> 40) & 0xff;
        first = (first & ~0x01L) | 0x02L;
        return new PeerName((value & 0xFF_FFFF_FFFFL) | (first << 40));
    }

    @Override
    public int compareTo(PeerName other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        char[] text = new char[3 * BYTES - 1];
        for (int i = 0; i < BYTES; i++) {
            int b = (int) (value >>> (8 * (BYTES - 1 - i))) & 0xff;
            text[3 * i] = HEX[b >>> 4];
            text[3 * i + 1] = HEX[b & 0xf];
            if (i < BYTES - 1) {
                text[3 * i + 2] = ':';
            }
        }
        return new String(text);
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();
}
