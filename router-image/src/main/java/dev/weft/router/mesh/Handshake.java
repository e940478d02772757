package dev.weft.router.mesh;

import dev.weft.router.mesh.wire.FeaturesCodec;
import dev.weft.router.mesh.wire.ProtocolIntroCodec;
import dev.weft.router.mesh.wire.VersionMismatchException;
import dev.weft.router.mesh.wire.WireFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The connection intro as a state machine over frames (SPEC §7.2), so it runs the same over TCP and
 * over in-memory links: both ends send the header, then (protocol 2) the encryption block, then the
 * feature map as the first length-prefixed message (sealed, once encryption exists).
 */
final class Handshake {

    /** Bytes to send: {@code raw} ones go without a length prefix. */
    record Outgoing(byte[] bytes, boolean raw) {}

    record Result(int version, Map<String, String> features, FrameSealer sealer) {}

    /** What to send now, and the result once the remote's features have arrived. */
    record Step(List<Outgoing> send, Result result) {}

    private enum State { HEADER, ENCRYPTION, FEATURES, DONE }

    private final int ourMin;
    private final int ourMax;
    private final Map<String, String> features;
    private State state = State.HEADER;
    private int version;
    private FrameSealer sealer = FrameSealer.PLAIN;

    Handshake(int ourMin, int ourMax, Map<String, String> features) {
        this.ourMin = ourMin;
        this.ourMax = ourMax;
        this.features = Map.copyOf(features);
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
                        send.add(new Outgoing(ProtocolIntroCodec.encryptionBlock(Optional.empty()), true));
                        state = State.ENCRYPTION;
                    } else {
                        send.add(featuresMessage());
                        state = State.FEATURES;
                    }
                    return new Step(send, null);
                case ENCRYPTION:
                    if (ProtocolIntroCodec.parseEncryptionBlock(frame).isPresent()) {
                        throw MeshException.retryable("no password specificed, but peer requested an encrypted connection"
                                + " (launch this router with the same --password)");
                    }
                    send.add(featuresMessage());
                    state = State.FEATURES;
                    return new Step(send, null);
                case FEATURES:
                    Map<String, String> remote = FeaturesCodec.decode(sealer.open(frame));
                    if (version == 1 && remote.containsKey("PublicKey")) {
                        throw MeshException.retryable("no password specificed, but peer requested an encrypted connection"
                                + " (launch this router with the same --password)");
                    }
                    state = State.DONE;
                    return new Step(send, new Result(version, remote, sealer));
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
