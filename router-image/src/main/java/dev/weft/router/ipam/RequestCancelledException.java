package dev.weft.router.ipam;

/** A waiting request ended without result: its owner died or was destroyed, or the caller gave up. */
public class RequestCancelledException extends RuntimeException {
    public RequestCancelledException(String message) {
        super(message);
    }
}
