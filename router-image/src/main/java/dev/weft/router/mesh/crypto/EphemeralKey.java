package dev.weft.router.mesh.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import javax.crypto.KeyAgreement;

/**
 * One connection's X25519 key pair (the JDK's XDH, RFC 7748): made fresh for every connection and
 * dropped after the handshake, so a later leak of the password does not open recorded traffic.
 */
public final class EphemeralKey {

    public static final int LENGTH = 32;

    private final KeyPair pair;
    private final byte[] publicBytes;

    private EphemeralKey(KeyPair pair) {
        this.pair = pair;
        this.publicBytes = encode(((XECPublicKey) pair.getPublic()).getU());
    }

    public static EphemeralKey generate() {
        try {
            return new EphemeralKey(KeyPairGenerator.getInstance("X25519").generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("X25519 is missing from this JDK", e);
        }
    }

    /** The public key as RFC 7748 sends it: the u coordinate, 32 bytes little-endian. */
    public byte[] publicKey() {
        return publicBytes.clone();
    }

    /**
     * The shared secret with the remote public key; fails for a key that is not a valid public key
     * or whose result would be all zero (a small-order point, RFC 7748 §6.1).
     */
    public byte[] agree(byte[] remotePublic) throws GeneralSecurityException {
        if (remotePublic.length != LENGTH) {
            throw new GeneralSecurityException("public key of " + remotePublic.length + " bytes, not " + LENGTH);
        }
        byte[] littleEndian = remotePublic.clone();
        littleEndian[LENGTH - 1] &= 0x7f;
        byte[] bigEndian = new byte[LENGTH + 1];
        for (int i = 0; i < LENGTH; i++) {
            bigEndian[LENGTH - i] = littleEndian[i];
        }
        PublicKey remote = KeyFactory.getInstance("X25519")
                .generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(bigEndian)));
        KeyAgreement agreement = KeyAgreement.getInstance("X25519");
        agreement.init(pair.getPrivate());
        agreement.doPhase(remote, true);
        byte[] secret = agreement.generateSecret();
        if (Arrays.equals(secret, new byte[secret.length])) {
            throw new GeneralSecurityException("the remote public key is a small-order point");
        }
        return secret;
    }

    private static byte[] encode(BigInteger u) {
        byte[] bigEndian = u.toByteArray();
        byte[] out = new byte[LENGTH];
        for (int i = 0; i < Math.min(LENGTH, bigEndian.length); i++) {
            out[i] = bigEndian[bigEndian.length - 1 - i];
        }
        return out;
    }
}
