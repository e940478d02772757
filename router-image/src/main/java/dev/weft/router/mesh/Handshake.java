package dev.weft.router.mesh;

import dev.weft.router.mesh.crypto.ControlSealer;
import dev.weft.router.mesh.crypto.EphemeralKey;
import dev.weft.router.mesh.crypto.SessionKeys;
import dev.weft.router.mesh.wire.FeaturesCodec;
import dev.weft.router.mesh.wire.ProtocolIntroCodec;
import dev.weft.router.mesh.wire.VersionMismatchException;
import dev.weft.router.mesh.wire.WireFormatException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The connection intro as a state machine over frames (SPEC §7.2), so it runs the same over TCP and
 * over in-memory links: both ends send the header, then (protocol 2) the encryption block, then the
 * feature map as the first length-prefixed message. With a password the encryption block carries a
 * fresh X25519 public key, both ends derive the connection's keys from the shared secret and the
 * password, and every message from the feature map on is sealed: a wrong password shows as a
 * feature map that does not open.
 */
final class Handshake {

    /** Bytes to send: {@code raw} ones go without a length prefix. */
    record Outgoing(byte[] bytes, boolean raw) {}

    /** @param keys the session's keys when the connection is encrypted */
    record Result(int version, Map<String, String> features, FrameSealer sealer, Optional<SessionKeys> keys) {}

    static final String PEER_REQUIRES_ENCRYPTION = "peer requires encryption, but encryption is not enabled here"
            + " (no password specified; launch this router with the same --password or WEAVE_PASSWORD)";
    static final String PEER_UNENCRYPTED = "encryption not enabled on the peer: password specified here, but the peer"
            + " requested an unencrypted connection (launch it with the same --password or WEAVE_PASSWORD)";
    static final String PASSWORD_MISMATCH = "password mismatch: the peer's handshake does not open with our password"
            + " (give every router the same --password)";

    /** What to send now, and the result once the remote's features have arrived. */
    record Step(List<Outgoing> send, Result result) {}

    private enum State { HEADER, ENCRYPTION, FEATURES, DONE }

    private final int ourMin;
    private final int ourMax;
    private final Map<String, String> features;
    private State state = State.HEADER;
    private int version;
    private FrameSealer sealer = FrameSealer.PLAIN;
    private final Optional<byte[]> password;
    private EphemeralKey ephemeral;
    private SessionKeys keys;

    Handshake(int ourMin, int ourMax, Map<String, String> features) {
        this(ourMin, ourMax, features, Optional.empty());
    }

    /** @param password the mesh password; empty for an unencrypted mesh */
    Handshake(int ourMin, int ourMax, Map<String, String> features, Optional<byte[]> password) {
        this.ourMin = ourMin;
        this.ourMax = ourMax;
        this.features = Map.copyOf(features);
        this.password = password;
    }

    List<Outgoing> start() {
        return List.of(new Outgoing(ProtocolIntroCodec.header(ourMin, ourMax), true));
    }

    Step onFrame(byte[] frame) throws MeshException {
        List<Outgoing> send = new ArrayList<>();
        try {
            switch (state) {
                case HEADER:
                    version = ProtocolIntroCodec.negotiate(ourMin, ourMax, ProtocolIntroCodec.parseHeader(frame));
                    if (version >= 2) {
                        if (password.isPresent()) {
                            ephemeral = EphemeralKey.generate();
                        }
                        send.add(new Outgoing(ProtocolIntroCodec.encryptionBlock(
                                Optional.ofNullable(ephemeral).map(EphemeralKey::publicKey)), true));
                        state = State.ENCRYPTION;
                    } else if (password.isPresent()) {
                        throw MeshException.retryable("encryption needs mesh protocol version 2, but the peer speaks"
                                + " only version 1");
                    } else {
                        send.add(featuresMessage());
                        state = State.FEATURES;
                    }
                    return new Step(send, null);
                case ENCRYPTION:
                    Optional<byte[]> remoteKey = ProtocolIntroCodec.parseEncryptionBlock(frame);
                    if (remoteKey.isPresent() && password.isEmpty()) {
                        throw MeshException.retryable(PEER_REQUIRES_ENCRYPTION);
                    }
                    if (remoteKey.isEmpty() && password.isPresent()) {
                        throw MeshException.retryable(PEER_UNENCRYPTED);
                    }
                    if (remoteKey.isPresent()) {
                        try {
                            keys = SessionKeys.agree(ephemeral, remoteKey.get(), password.get());
                        } catch (GeneralSecurityException e) {
                            throw MeshException.retryable("bad handshake from the remote peer: " + e.getMessage());
                        }
                        ephemeral = null;
                        sealer = new ControlSealer(keys);
                    }
                    send.add(featuresMessage());
                    state = State.FEATURES;
                    return new Step(send, null);
                case FEATURES:
                    byte[] opened;
                    try {
                        opened = sealer.open(frame);
                    } catch (WireFormatException e) {
                        throw MeshException.retryable(PASSWORD_MISMATCH);
                    }
                    Map<String, String> remote = FeaturesCodec.decode(opened);
                    if (version == 1 && remote.containsKey("PublicKey")) {
                        throw MeshException.retryable(PEER_REQUIRES_ENCRYPTION);
                    }
                    state = State.DONE;
                    return new Step(send, new Result(version, remote, sealer, Optional.ofNullable(keys)));
                default:
                    throw MeshException.retryable("handshake already finished");
            }
        } catch (VersionMismatchException e) {
            throw MeshException.retryable(e.getMessage());
        } catch (WireFormatException e) {
            throw MeshException.retryable(e.getMessage());
        }
    }

    private Outgoing featuresMessage() {
        return new Outgoing(sealer.seal(FeaturesCodec.encode(features)), false);
    }

    int version() {
        return version;
    }
}
