package dev.weft.router.ipam;

/** A received ring cannot be merged with ours (different seeds or ranges); the connection must break. */
public class RingMergeException extends Exception {
    public RingMergeException(String message) {
        super(message);
    }
}
