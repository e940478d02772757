package dev.weft.router.mesh;

import java.time.Duration;

/**
 * Why a connection failed or ended, in words an operator can act on, and whether dialling again can
 * help. Self-connections and peer-name collisions are never retried (SPEC §7.2).
 */
public record ConnectionFailure(String message, boolean retry) {

    public static ConnectionFailure retryable(String message) {
        return new ConnectionFailure(message, true);
    }

    public static ConnectionFailure refused(String address) {
        return retryable("connection refused: nothing listens on " + address + " (is weave running there?)");
    }

    public static ConnectionFailure connectTimedOut(String address, Duration after) {
        return retryable("connection to " + address + " timed out after " + seconds(after)
                + " (host down, or the port blocked by a firewall?)");
    }

    public static ConnectionFailure unreachable(String address, String why) {
        return retryable(why + " for " + address);
    }

    public static ConnectionFailure handshakeTimedOut(Duration after) {
        return retryable("no handshake from the remote end within " + seconds(after)
                + " (is that a weave router on this port?)");
    }

    public static ConnectionFailure heartbeatsMissed(Duration after) {
        return retryable("nothing heard from the peer for " + seconds(after) + " (network down, or the peer hung?)");
    }

    public static ConnectionFailure selfConnection() {
        return new ConnectionFailure("cannot connect to ourself", false);
    }

    public static ConnectionFailure nameCollision(String local, String remote) {
        return new ConnectionFailure("local \"" + local + "\" and remote \"" + remote + "\" peer names collision"
                + " (hosts cloned with the same machine-id? give each a unique --name)", false);
    }

    public static ConnectionFailure limitReached(int limit) {
        return retryable("Connection limit reached (" + limit + ")");
    }

    public static ConnectionFailure closedByRemote() {
        return retryable("connection closed by the remote peer");
    }

    public static ConnectionFailure remoteSaid(String peer, String reason) {
        return retryable(peer + " ended the connection: " + reason);
    }

    public static ConnectionFailure stopping() {
        return retryable("this router is stopping");
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
    }
}
