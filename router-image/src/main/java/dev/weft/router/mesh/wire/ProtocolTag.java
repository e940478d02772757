package dev.weft.router.mesh.wire;

/** The first byte of every message after the handshake (SPEC §7.2). */
public final class ProtocolTag {
    public static final int HEARTBEAT = 0;
    public static final int CONNECTION_ESTABLISHED = 1;
    public static final int FRAGMENTATION_RECEIVED = 2;
    public static final int PMTU_VERIFIED = 3;
    public static final int GOSSIP = 4;
    public static final int GOSSIP_UNICAST = 5;
    public static final int GOSSIP_BROADCAST = 6;
    public static final int OVERLAY_CONTROL = 7;
    /** weft only: the sender is about to close the connection and says why (one UTF-8 line). */
    public static final int GOODBYE = 8;

    private ProtocolTag() {}
}
