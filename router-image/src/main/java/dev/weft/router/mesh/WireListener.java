package dev.weft.router.mesh;

/** What a {@link Wire} delivers, on its actor. */
public interface WireListener {

    /** One received frame: an intro part while handshaking, then one message without its length prefix. */
    void onFrame(byte[] frame);

    /** The connection ended (closed by either side, or an I/O error); {@code reason} says why. Called once. */
    void onClosed(String reason);
}
