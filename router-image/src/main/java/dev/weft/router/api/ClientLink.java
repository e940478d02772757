package dev.weft.router.api;

/**
 * The connection a request came on, so that a handler that waits (an IPAM allocation waiting for
 * space) can stop when its caller has gone away.
 */
@FunctionalInterface
public interface ClientLink {

    /** Runs {@code action} once when the client disconnects; at once if it already has. */
    void onGone(Runnable action);

    /** For requests that do not come over a connection (tests, internal calls). */
    ClientLink NEVER_GONE = action -> { };
}
