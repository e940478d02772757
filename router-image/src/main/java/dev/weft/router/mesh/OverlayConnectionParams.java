package dev.weft.router.mesh;

import dev.weft.router.identity.PeerName;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;

/**
 * What the data plane learns about a new connection.
 *
 * @param remotePeer         the peer at the other end
 * @param remoteShortId      its 12-bit short ID
 * @param localAddress       our end of the TCP connection
 * @param remoteAddress      the remote end of the TCP connection
 * @param outbound           true when this peer dialled
 * @param connectionUid      the connection's random UID, the same on both ends
 * @param sessionKey         the 32-byte session key when the connection is encrypted
 * @param remoteFeatures     the features the remote peer announced in the handshake
 * @param sendControlMessage sends an overlay control message to the remote peer over the connection
 * @param trusted            each end trusts the other's address ({@code --trusted-subnets}): with a
 *                           session key, the data plane may still carry traffic unencrypted
 */
public record OverlayConnectionParams(PeerName remotePeer, int remoteShortId, InetSocketAddress localAddress,
                                      InetSocketAddress remoteAddress, boolean outbound, long connectionUid,
                                      Optional<byte[]> sessionKey, Map<String, String> remoteFeatures,
                                      ControlSender sendControlMessage, boolean trusted) {

    /** A connection between peers that do not trust each other's subnets. */
    public OverlayConnectionParams(PeerName remotePeer, int remoteShortId, InetSocketAddress localAddress,
                                   InetSocketAddress remoteAddress, boolean outbound, long connectionUid,
                                   Optional<byte[]> sessionKey, Map<String, String> remoteFeatures,
                                   ControlSender sendControlMessage) {
        this(remotePeer, remoteShortId, localAddress, remoteAddress, outbound, connectionUid, sessionKey,
                remoteFeatures, sendControlMessage, false);
    }

    /** Sends one overlay control message; throws when the connection is closed. */
    @FunctionalInterface
    public interface ControlSender {
        void send(byte[] message) throws java.io.IOException;
    }
}
