package dev.weft.router.dataplane.fastpath;

/** Sends and receives heartbeat frames on the heartbeat device (a raw packet socket for real). */
public interface HeartbeatPort extends AutoCloseable {

    /** Sends one frame; 0 or the errno. */
    int send(byte[] frame, int length);

    /** The next frame into {@code into}: its length, or -1 when none is queued. */
    int receive(byte[] into);

    boolean awaitReadable(int timeoutMillis);

    @Override
    void close();
}
