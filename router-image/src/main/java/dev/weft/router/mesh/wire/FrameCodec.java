package dev.weft.router.mesh.wire;

/**
 * The framing after the intro: each message is a 4-byte big-endian length and that many bytes.
 * A message longer than the cap closes the connection before any of it is buffered.
 */
public final class FrameCodec {

    /** The largest message a peer accepts (SPEC §7.2). */
    public static final int MAX_MESSAGE_BYTES = 10 * 1024 * 1024;
    /** The feature map comes first, before the remote is known: it gets a much smaller cap. */
    public static final int MAX_FEATURES_BYTES = 64 * 1024;
    public static final int LENGTH_BYTES = 4;

    private FrameCodec() {}

    public static byte[] lengthPrefix(int length) {
        return new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
    }

    /** The length in a prefix, checked against {@code max}. */
    public static int length(int b0, int b1, int b2, int b3, int max) throws WireFormatException {
        long length = ((long) (b0 & 0xff) << 24) | ((b1 & 0xff) << 16) | ((b2 & 0xff) << 8) | (b3 & 0xff);
        if (length > max) {
            throw new WireFormatException("message of " + length + " bytes is over the limit of " + max);
        }
        return (int) length;
    }
}
