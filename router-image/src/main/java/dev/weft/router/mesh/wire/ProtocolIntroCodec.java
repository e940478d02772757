package dev.weft.router.mesh.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The start of every mesh connection (SPEC §7.2), sent by both ends at once: {@code weave} plus the
 * lowest and highest protocol version the sender speaks; the highest common version wins. Version 2
 * then has one encryption-flag byte, followed by a 32-byte public key when set. After that come
 * length-prefixed messages ({@link FrameCodec}), the first of them the feature map.
 */
public final class ProtocolIntroCodec {

    public static final String PROTOCOL = "weave";
    public static final int MIN_VERSION = 1;
    public static final int MAX_VERSION = 2;
    public static final int HEADER_LENGTH = PROTOCOL.length() + 2;
    public static final int PUBLIC_KEY_LENGTH = 32;
    private static final byte[] PROTOCOL_BYTES = PROTOCOL.getBytes(StandardCharsets.US_ASCII);

    private ProtocolIntroCodec() {}

    public record Header(int minVersion, int maxVersion) {}

    public static byte[] header(int minVersion, int maxVersion) {
        byte[] h = Arrays.copyOf(PROTOCOL_BYTES, HEADER_LENGTH);
        h[HEADER_LENGTH - 2] = (byte) minVersion;
        h[HEADER_LENGTH - 1] = (byte) maxVersion;
        return h;
    }

    public static Header parseHeader(byte[] header) throws WireFormatException {
        if (header.length != HEADER_LENGTH
                || !Arrays.equals(header, 0, PROTOCOL_BYTES.length, PROTOCOL_BYTES, 0, PROTOCOL_BYTES.length)) {
            throw new WireFormatException("the remote end is not a weave router (protocol header not recognised: "
                    + HexFormat.of().formatHex(header, 0, Math.min(header.length, PROTOCOL_BYTES.length)) + ")");
        }
        return new Header(header[HEADER_LENGTH - 2] & 0xff, header[HEADER_LENGTH - 1] & 0xff);
    }

    /** The highest version both ranges contain. */
    public static int negotiate(int ourMin, int ourMax, Header theirs) throws VersionMismatchException {
        int min = Math.max(ourMin, theirs.minVersion());
        int max = Math.min(ourMax, theirs.maxVersion());
        if (min > max) {
            throw new VersionMismatchException(theirs.minVersion(), theirs.maxVersion(), ourMin, ourMax);
        }
        return max;
    }

    /** Version 2's encryption block: flag 0, or flag 1 and the public key. */
    public static byte[] encryptionBlock(Optional<byte[]> publicKey) {
        if (publicKey.isEmpty()) {
            return new byte[] {0};
        }
        byte[] key = publicKey.get();
        if (key.length != PUBLIC_KEY_LENGTH) {
            throw new IllegalArgumentException("public key must be 32 bytes");
        }
        byte[] block = new byte[1 + PUBLIC_KEY_LENGTH];
        block[0] = 1;
        System.arraycopy(key, 0, block, 1, PUBLIC_KEY_LENGTH);
        return block;
    }

    /** How long the encryption block is, from its first byte. */
    public static int encryptionBlockLength(int flag) throws WireFormatException {
        switch (flag) {
            case 0:
                return 1;
            case 1:
                return 1 + PUBLIC_KEY_LENGTH;
            default:
                throw new WireFormatException("bad encryption flag " + flag);
        }
    }

    /** The remote public key, or empty for an unencrypted connection. */
    public static Optional<byte[]> parseEncryptionBlock(byte[] block) throws WireFormatException {
        if (block.length == 0 || block.length != encryptionBlockLength(block[0] & 0xff)) {
            throw new WireFormatException("bad encryption block of " + block.length + " bytes");
        }
        return block[0] == 0 ? Optional.empty() : Optional.of(Arrays.copyOfRange(block, 1, block.length));
    }
}
