package dev.weft.router.dns;

/** Sends a query the weave domain cannot answer to the upstream servers. */
public interface Forwarder {
    /**
     * Asks each upstream server in order, over TCP or UDP as the client asked us, and returns the
     * first reply's wire bytes, or null when every server failed or none is configured.
     */
    byte[] forward(byte[] query, boolean tcp);
}
