package dev.weft.router.mesh;

import java.util.Map;

/**
 * The data plane's hook into the mesh (fast path, sleeve): it adds features to the handshake and is
 * asked to set up its side of every new connection.
 */
public interface Overlay {

    /** Adds this overlay's handshake features (e.g. {@code Overlays}: {@code fastdp sleeve}). */
    void addFeaturesTo(Map<String, String> features);

    /**
     * Prepares the data-plane side of a connection whose handshake succeeded. The mesh calls
     * {@link OverlayConnection#confirm()} once the connection is accepted on both sides.
     */
    OverlayConnection prepareConnection(OverlayConnectionParams params) throws OverlayException;

    /** What the report shows under the router's {@code OverlayDiagnostics} (counters, devices, per connection). */
    default Map<String, Object> diagnostics() {
        return Map.of();
    }

    /** Stops every connection's data plane and releases what the overlay made. */
    void stop();
}
