package dev.weft.router.mesh;

import java.net.InetSocketAddress;

/**
 * One connection's byte transport (TCP, or the simulator's in-memory links): it carries the intro
 * bytes as they are and every later message with its length prefix, in order. All callbacks to the
 * listener, and the connection's timers, run on {@link #actor()}. Sends may come from any thread.
 */
public interface Wire {

    Actor actor();

    /** Starts delivering received frames to {@code listener}; until then nothing is read. */
    void start(WireListener listener);

    /**
     * Intro bytes, without a length prefix. The reading side knows how many to expect: the 7-byte
     * header, then (protocol 2) the encryption block.
     */
    void sendRaw(byte[] bytes);

    /** One message, sent with its 4-byte length prefix. */
    void send(byte[] message);

    /** False while the remote reads slower than this peer writes; {@link #whenWritable} then says when to go on. */
    boolean isWritable();

    /** Runs {@code task} on the wire's actor once it is writable again (at once if it is). */
    void whenWritable(Runnable task);

    InetSocketAddress localAddress();

    InetSocketAddress remoteAddress();

    /** Closes the connection; the listener hears {@link WireListener#onClosed} once. Idempotent. */
    void close();
}
