package dev.weft.router.mesh.crypto;

import dev.weft.router.mesh.FrameSealer;
import dev.weft.router.mesh.wire.WireFormatException;
import java.util.Arrays;

/**
 * Seals the control messages of one encrypted connection: each message gets the tag of its
 * direction's key, the nonce is the message's number in that direction (TCP keeps the order, so
 * it is not sent). A message that does not open (tampered, dropped, replayed, wrong key) fails and
 * the connection closes. Sealing runs under the connection's send lock, opening on its actor.
 */
public final class ControlSealer implements FrameSealer {

    private static final int CONTROL_LABEL = 0x6d657368;
    private final Aead sending;
    private final Aead receiving;
    private long sent;
    private long received;

    public ControlSealer(SessionKeys keys) {
        this.sending = new Aead(keys.controlSendKey(), CONTROL_LABEL);
        this.receiving = new Aead(keys.controlReceiveKey(), CONTROL_LABEL);
    }

    @Override
    public synchronized byte[] seal(byte[] message) {
        byte[] out = Arrays.copyOf(message, message.length + Aead.TAG_LENGTH);
        sending.seal(sent++, out, 0, 0, out, 0, message.length);
        return out;
    }

    @Override
    public byte[] open(byte[] sealed) throws WireFormatException {
        byte[] copy = sealed.clone();
        int n = receiving.open(received, copy, 0, 0, copy, 0, copy.length);
        if (n < 0) {
            throw new WireFormatException("message " + received + " failed authentication"
                    + " (tampered with on the way, or sealed with another key)");
        }
        received++;
        return Arrays.copyOf(copy, n);
    }
}
