package dev.weft.router.dataplane;

/** The data plane cannot start; the message is the one line for the operator. */
public class DataPlaneException extends Exception {
    public DataPlaneException(String message, Throwable cause) {
        super(message, cause);
    }
}
