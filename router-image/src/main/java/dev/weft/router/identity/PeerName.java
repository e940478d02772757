package dev.weft.router.identity;

import java.util.HexFormat;
import java.util.Locale;

/** A 48-bit MAC-style peer name, e.g. {@code 8a:3e:3e:3e:3e:3e}; {@code ::} abbreviates zero bytes. */
public record PeerName(long bits) {

    public PeerName {
        if ((bits & ~0xFFFF_FFFF_FFFFL) != 0) {
            throw new IllegalArgumentException("peer name exceeds 48 bits");
        }
    }

    /** Parses {@code aa:bb:cc:dd:ee:ff}, allowing one {@code ::} for a run of zero bytes (e.g. {@code 00:11::01}). */
    public static PeerName parse(String text) {
        String lower = text.strip().toLowerCase(Locale.ROOT);
        String[] groups = expand(lower, text);
        long value = 0;
        for (String group : groups) {
            if (group.isEmpty() || group.length() > 2 || !group.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw invalid(text);
            }
            value = (value << 8) | Integer.parseInt(group, 16);
        }
        return new PeerName(value);
    }

    private static String[] expand(String lower, String original) {
        int gap = lower.indexOf("::");
        if (gap < 0) {
            String[] groups = lower.split(":", -1);
            if (groups.length != 6) {
                throw invalid(original);
            }
            return groups;
        }
        if (lower.indexOf("::", gap + 1) >= 0) {
            throw invalid(original);
        }
        String head = lower.substring(0, gap);
        String tail = lower.substring(gap + 2);
        String[] left = head.isEmpty() ? new String[0] : head.split(":", -1);
        String[] right = tail.isEmpty() ? new String[0] : tail.split(":", -1);
        int missing = 6 - left.length - right.length;
        if (missing < 1) {
            throw invalid(original);
        }
        String[] groups = new String[6];
        int i = 0;
        for (String g : left) {
            groups[i++] = g;
        }
        for (int k = 0; k < missing; k++) {
            groups[i++] = "0";
        }
        for (String g : right) {
            groups[i++] = g;
        }
        return groups;
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("invalid peer name: " + text + " (expected a MAC address such as 8a:3e:3e:3e:3e:3e)");
    }

    /** From the first six bytes of {@code bytes}. */
    public static PeerName fromBytes(byte[] bytes) {
        long value = 0;
        for (int i = 0; i < 6; i++) {
            value = (value << 8) | (bytes[i] & 0xff);
        }
        return new PeerName(value);
    }

    /** Clears the multicast bit and sets the locally-administered bit of the first byte. */
    public PeerName asLocalUnicast() {
        long first = (bits >>> 40) & 0xff;
        first = (first & ~0x01L) | 0x02L;
        return new PeerName((bits & 0xFF_FFFF_FFFFL) | (first << 40));
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(17);
        HexFormat hex = HexFormat.of();
        for (int shift = 40; shift >= 0; shift -= 8) {
            if (text.length() > 0) {
                text.append(':');
            }
            text.append(hex.toHexDigits((byte) (bits >>> shift)));
        }
        return text.toString();
    }
}
