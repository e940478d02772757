package dev.weft.router.store;

/** The data file could not be opened or written; the message names the file and the cause. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
