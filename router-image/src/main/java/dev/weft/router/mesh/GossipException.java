package dev.weft.router.mesh;

/** A gossip payload this peer cannot accept; the message is the one-line reason shown to the operator. */
public class GossipException extends Exception {
    public GossipException(String message) {
        super(message);
    }

    public GossipException(String message, Throwable cause) {
        super(message, cause);
    }
}
