package dev.weft.router.proxy;

/**
 * A request the proxy answers itself with an error, as the engine would: an HTTP status and a
 * one-line message (sent as {@code {"message": ...}}).
 */
public class ProxyException extends RuntimeException {
    private final int status;

    public ProxyException(int status, String message) {
        super(message);
        this.status = status;
    }

    public ProxyException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public static ProxyException badRequest(String message) {
        return new ProxyException(400, message);
    }

    public int status() {
        return status;
    }
}
