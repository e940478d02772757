package dev.weft.weaveutil.model;

/**
 * Settings of a bridge port ({@code bridge link set dev X ...}); null = leave as it is / not reported.
 *
 * @param isolated       isolated ports do not forward to each other, only to non-isolated ports
 * @param learning       the bridge learns source MACs seen on this port
 * @param unicastFlood   unknown unicast is flooded to this port
 * @param multicastFlood unregistered multicast is flooded to this port
 * @param broadcastFlood broadcast is flooded to this port
 */
public record BridgePortFlags(Boolean isolated, Boolean learning, Boolean unicastFlood, Boolean multicastFlood,
                              Boolean broadcastFlood) {
    public static final BridgePortFlags UNCHANGED = new BridgePortFlags(null, null, null, null, null);

    public BridgePortFlags withIsolated(boolean on) {
        return new BridgePortFlags(on, learning, unicastFlood, multicastFlood, broadcastFlood);
    }

    /** A port that receives only frames addressed to it: no unknown-unicast, multicast or broadcast flooding. */
    public BridgePortFlags withoutFlooding() {
        return new BridgePortFlags(isolated, learning, false, false, false);
    }
}
