package dev.weft.router.mesh;

/** The data plane cannot serve a connection; the message is shown as the connection's status. */
public class OverlayException extends Exception {
    public OverlayException(String message) {
        super(message);
    }

    public OverlayException(String message, Throwable cause) {
        super(message, cause);
    }
}
