package dev.weft.router.dataplane.fastpath;

import java.nio.ByteBuffer;

/**
 * A fast-path heartbeat: an Ethernet frame from one router's peer-name MAC to another's, sent
 * through the kernel's VXLAN on the fast-path port with DF set and padded to the full frame size,
 * so it arrives only if the path carries full-size frames without fragmenting. Answers are full
 * size too: one answered request proves both directions.
 * <pre>dst MAC | src MAC | 0x88b5 | "WFHB" | type (1: request, 2: answer) | 0 0 0 | connection uid (8) | sequence (8) | zeros</pre>
 */
public final class HeartbeatFrame {
    public static final int ETHERTYPE = 0x88b5;
    public static final int MAGIC = 0x57464842;
    public static final int REQUEST = 1;
    public static final int ANSWER = 2;
    public static final int MIN_LENGTH = 14 + 24;

    private HeartbeatFrame() {
    }

    /** Writes a heartbeat of {@code length} bytes (at least {@link #MIN_LENGTH}) at the start of {@code b}. */
    public static int write(ByteBuffer b, long to, long from, int type, long uid, long sequence, int length) {
        int n = Math.max(length, MIN_LENGTH);
        b.putShort(0, (short) (to >>> 32)).putInt(2, (int) to);
        b.putShort(6, (short) (from >>> 32)).putInt(8, (int) from);
        b.putShort(12, (short) ETHERTYPE).putInt(14, MAGIC).putInt(18, type << 24);
        b.putLong(22, uid).putLong(30, sequence);
        for (int i = MIN_LENGTH; i < n; i++) {
            b.put(i, (byte) 0);
        }
        return n;
    }

    /** The type of the heartbeat in {@code b[0..length)}, or 0 when it is not one. */
    public static int type(ByteBuffer b, int length) {
        if (length < MIN_LENGTH || (b.getShort(12) & 0xffff) != ETHERTYPE || b.getInt(14) != MAGIC) {
            return 0;
        }
        int type = b.get(18) & 0xff;
        return type == REQUEST || type == ANSWER ? type : 0;
    }

    public static long from(ByteBuffer b) {
        return ((b.getShort(6) & 0xffffL) << 32) | (b.getInt(8) & 0xffffffffL);
    }

    public static long uid(ByteBuffer b) {
        return b.getLong(22);
    }

    public static long sequence(ByteBuffer b) {
        return b.getLong(30);
    }
}
