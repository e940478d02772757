package dev.weft.router.mesh;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/** One connection's data-plane side, made by {@link Overlay#prepareConnection}. */
public interface OverlayConnection {

    /** Both ends accepted the connection: start heartbeats and carrying frames. */
    void confirm();

    /** Completes when the data path to the remote peer works (heartbeats answered). */
    CompletionStage<Void> established();

    /**
     * Completes exceptionally when the data plane gives up on this connection; the message says why
     * in words for the operator (it becomes the connection's status), and the mesh redials.
     */
    CompletionStage<Void> failed();

    /** An overlay control message (mesh tag 7) received from the remote peer over the connection. */
    void controlMessage(byte[] message);

    /** Status attributes, e.g. {@code mtu=1376}, {@code encrypted=true}, and the overlay's name under {@code name}. */
    Map<String, String> attrs();

    /** Stops this connection's data plane; idempotent. */
    void stop();
}
