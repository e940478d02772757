package dev.weft.router.mesh;

import dev.weft.router.mesh.wire.WireFormatException;

/**
 * Seals each message after the intro before it is framed, and opens each received one: the place
 * where the encryption of a later issue (Curve25519 + password, NaCl secretbox) wraps the stream.
 * Without a password messages pass unchanged.
 */
public interface FrameSealer {

    byte[] seal(byte[] message);

    byte[] open(byte[] sealed) throws WireFormatException;

    FrameSealer PLAIN = new FrameSealer() {
        @Override
        public byte[] seal(byte[] message) {
            return message;
        }

        @Override
        public byte[] open(byte[] sealed) {
            return sealed;
        }
    };
}
