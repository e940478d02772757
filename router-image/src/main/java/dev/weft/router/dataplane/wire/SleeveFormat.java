package dev.weft.router.dataplane.wire;

import java.nio.ByteBuffer;

/**
 * The sleeve's UDP datagrams (on the mesh port), after SPEC §8 with room for encryption:
 * <pre>
 * datagram: sender peer name (6) | version&lt;&lt;4 | kind (1) | flags (1) | sequence (8) | body
 * FRAMES body: records of  capturing peer (6) | destination peer (6, zero = flood) | length (2) | Ethernet frame
 * </pre>
 * The sequence counts datagrams per connection and direction (the AEAD nonce and replay window of
 * an encrypted connection; loss accounting otherwise). The 16-byte header is in clear; a sealed
 * datagram ({@link #FLAG_SEALED}) authenticates it and encrypts the body.
 */
public final class SleeveFormat {
    public static final int VERSION = 1;
    public static final int HEADER = 16;
    public static final int RECORD_HEADER = 14;
    /** IPv4 + UDP headers in front of every datagram. */
    public static final int UDP_IP_OVERHEAD = 28;

    public static final int KIND_FRAMES = 1;
    public static final int KIND_HEARTBEAT = 2;
    public static final int KIND_HEARTBEAT_ACK = 3;
    public static final int KIND_PMTU_PROBE = 4;
    public static final int KIND_PMTU_ACK = 5;

    public static final int FLAG_SEALED = 1;
    /** The destination peer of a frame for every peer (flooded along the capturing peer's broadcast tree). */
    public static final long FLOOD = 0;

    private SleeveFormat() {
    }

    public static void writeHeader(ByteBuffer b, int at, long sender, int kind, int flags, long sequence) {
        putName(b, at, sender);
        b.put(at + 6, (byte) ((VERSION << 4) | kind)).put(at + 7, (byte) flags).putLong(at + 8, sequence);
    }

    public static long sender(ByteBuffer b, int at) {
        return name(b, at);
    }

    /** The kind, or -1 for another version. */
    public static int kind(ByteBuffer b, int at) {
        int v = b.get(at + 6) & 0xff;
        return (v >>> 4) == VERSION ? v & 0x0f : -1;
    }

    public static int flags(ByteBuffer b, int at) {
        return b.get(at + 7) & 0xff;
    }

    public static long sequence(ByteBuffer b, int at) {
        return b.getLong(at + 8);
    }

    public static void writeRecordHeader(ByteBuffer b, int at, long capturingPeer, long destinationPeer, int length) {
        putName(b, at, capturingPeer);
        putName(b, at + 6, destinationPeer);
        b.putShort(at + 12, (short) length);
    }

    public static long capturingPeer(ByteBuffer b, int record) {
        return name(b, record);
    }

    public static long destinationPeer(ByteBuffer b, int record) {
        return name(b, record + 6);
    }

    public static int frameLength(ByteBuffer b, int record) {
        return b.getShort(record + 12) & 0xffff;
    }

    public static void putName(ByteBuffer b, int at, long name) {
        b.putShort(at, (short) (name >>> 32)).putInt(at + 2, (int) name);
    }

    public static long name(ByteBuffer b, int at) {
        return ((b.getShort(at) & 0xffffL) << 32) | (b.getInt(at + 2) & 0xffffffffL);
    }

    /**
     * The largest Ethernet frame one datagram can carry on a path of {@code pathMtu} bytes (IP
     * packet size) with {@code sealOverhead} bytes of encryption.
     */
    public static int maxFrame(int pathMtu, int sealOverhead) {
        return pathMtu - UDP_IP_OVERHEAD - HEADER - RECORD_HEADER - sealOverhead;
    }

    /** The path MTU needed to carry frames of a bridge MTU (IP packet) in one datagram each. */
    public static int pathMtuNeeded(int bridgeMtu, int sealOverhead) {
        return bridgeMtu + 14 + UDP_IP_OVERHEAD + HEADER + RECORD_HEADER + sealOverhead;
    }
}
