package dev.weft.router.dataplane.wire;

import dev.weft.router.mesh.crypto.Aead;
import dev.weft.router.mesh.crypto.Hkdf;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Encrypts one connection's sleeve datagrams: AES-256-GCM over the body with the 16-byte header
 * as associated data, the header's sequence (per connection and direction) as the nonce, and a
 * replay window on the receiving side. The keys come from the connection's own secret (fresh per
 * connection, bound to its UID) and the sender's and receiver's peer names, so each direction of
 * each connection has its own key and no nonce is ever used twice with one key.
 */
public final class AeadDatagramSealer implements DatagramSealer {
    private static final byte[] LABEL = "weft sleeve v1".getBytes(StandardCharsets.US_ASCII);
    private static final int SLEEVE_LABEL = 0x736c7676;
    private static final int SCRATCH = 65536 + Aead.TAG_LENGTH;

    private final byte[] sendKey;
    private final byte[] receiveKey;
    private final ReplayWindow window = new ReplayWindow();
    private final ThreadLocal<Aead> sending;
    private final ThreadLocal<Aead> receiving;
    private static final ThreadLocal<byte[]> SCRATCH_BUFFER = ThreadLocal.withInitial(() -> new byte[SCRATCH]);

    /**
     * @param connectionSecret the 32-byte data-plane secret of the connection
     * @param localName        this peer's name (48 bits)
     * @param remoteName       the neighbour's name
     */
    public AeadDatagramSealer(byte[] connectionSecret, long localName, long remoteName) {
        if (connectionSecret.length != 32) {
            throw new IllegalArgumentException("connection secret of " + connectionSecret.length + " bytes");
        }
        if (localName == remoteName) {
            throw new IllegalArgumentException("a sleeve connection to ourself");
        }
        this.sendKey = Hkdf.expand(connectionSecret, info(localName, remoteName), 32);
        this.receiveKey = Hkdf.expand(connectionSecret, info(remoteName, localName), 32);
        this.sending = ThreadLocal.withInitial(() -> new Aead(sendKey, SLEEVE_LABEL));
        this.receiving = ThreadLocal.withInitial(() -> new Aead(receiveKey, SLEEVE_LABEL));
    }

    private static byte[] info(long from, long to) {
        return ByteBuffer.allocate(LABEL.length + 12).put(LABEL).putShort((short) (from >>> 32)).putInt((int) from)
                .putShort((short) (to >>> 32)).putInt((int) to).array();
    }

    @Override
    public int overhead() {
        return Aead.TAG_LENGTH;
    }

    @Override
    public int headerFlags() {
        return SleeveFormat.FLAG_SEALED;
    }

    @Override
    public int seal(ByteBuffer b, int offset, int length) {
        byte[] s = SCRATCH_BUFFER.get();
        b.get(offset, s, 0, length);
        int body = sending.get().seal(SleeveFormat.sequence(b, offset), s, 0, SleeveFormat.HEADER, s,
                SleeveFormat.HEADER, length - SleeveFormat.HEADER);
        int sealed = SleeveFormat.HEADER + body;
        b.put(offset + SleeveFormat.HEADER, s, SleeveFormat.HEADER, body);
        return sealed;
    }

    @Override
    public int open(ByteBuffer b, int offset, int length) {
        if ((SleeveFormat.flags(b, offset) & SleeveFormat.FLAG_SEALED) == 0
                || length < SleeveFormat.HEADER + Aead.TAG_LENGTH || length > SCRATCH) {
            return DROP_NOT_AUTHENTIC;
        }
        long sequence = SleeveFormat.sequence(b, offset);
        if (!window.check(sequence)) {
            return DROP_REPLAYED;
        }
        byte[] s = SCRATCH_BUFFER.get();
        b.get(offset, s, 0, length);
        int body = receiving.get().open(sequence, s, 0, SleeveFormat.HEADER, s, SleeveFormat.HEADER,
                length - SleeveFormat.HEADER);
        if (body < 0) {
            return DROP_NOT_AUTHENTIC;
        }
        if (!window.accept(sequence)) {
            return DROP_REPLAYED;
        }
        b.put(offset + SleeveFormat.HEADER, s, SleeveFormat.HEADER, body);
        return SleeveFormat.HEADER + body;
    }
}
