package dev.weft.router.mesh.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * The keys of one encrypted connection, from the X25519 shared secret of two fresh key pairs and
 * the password: HKDF-SHA256 extract with the password as salt, then expand with a label and both
 * public keys (sender's first, so each direction has its own key). The data plane gets a separate
 * per-connection secret that also binds the connection UID; it derives its own per-direction keys.
 */
public final class SessionKeys {

    public static final int KEY_LENGTH = 32;
    private static final byte[] CONTROL = "weft mesh control v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "weft data plane v1".getBytes(StandardCharsets.US_ASCII);

    private final byte[] pseudorandomKey;
    private final byte[] localPublic;
    private final byte[] remotePublic;

    private SessionKeys(byte[] pseudorandomKey, byte[] localPublic, byte[] remotePublic) {
        this.pseudorandomKey = pseudorandomKey;
        this.localPublic = localPublic;
        this.remotePublic = remotePublic;
    }

    /** Agrees on keys with the remote's public key; fails for an invalid or reflected key. */
    public static SessionKeys agree(EphemeralKey local, byte[] remotePublic, byte[] password)
            throws GeneralSecurityException {
        byte[] localPublic = local.publicKey();
        if (Arrays.equals(localPublic, remotePublic)) {
            throw new GeneralSecurityException("the remote sent back our own public key");
        }
        byte[] shared = local.agree(remotePublic);
        byte[] prk = Hkdf.extract(password, shared);
        Arrays.fill(shared, (byte) 0);
        return new SessionKeys(prk, localPublic, remotePublic.clone());
    }

    /** The key sealing control messages this peer sends. */
    public byte[] controlSendKey() {
        return Hkdf.expand(pseudorandomKey, concat(CONTROL, localPublic, remotePublic), KEY_LENGTH);
    }

    /** The key opening control messages the remote sends. */
    public byte[] controlReceiveKey() {
        return Hkdf.expand(pseudorandomKey, concat(CONTROL, remotePublic, localPublic), KEY_LENGTH);
    }

    /** The data plane's secret for the connection with this UID: the same on both ends. */
    public byte[] dataPlaneSecret(long connectionUid) {
        boolean localFirst = Arrays.compareUnsigned(localPublic, remotePublic) < 0;
        byte[] uid = ByteBuffer.allocate(8).putLong(connectionUid).array();
        return Hkdf.expand(pseudorandomKey, concat(DATA, localFirst ? localPublic : remotePublic,
                localFirst ? remotePublic : localPublic, uid), KEY_LENGTH);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
