package dev.weft.router.mesh.wire;

/** Bytes from a remote peer that do not decode: the message says what was wrong, for the log and the status. */
public class WireFormatException extends Exception {
    public WireFormatException(String message) {
        super(message);
    }
}
