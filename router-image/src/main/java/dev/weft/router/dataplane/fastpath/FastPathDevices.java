package dev.weft.router.dataplane.fastpath;

import dev.weft.weaveutil.addr.Mac;
import java.net.InetAddress;
import java.util.List;

/** The forwarding entries of the fast path's kernel devices ({@link VxlanDevices}; fakes in tests). */
public interface FastPathDevices {

    void addFlood(InetAddress remote, int remotePort);

    void removeFlood(InetAddress remote, int remotePort);

    void addHeartbeatRoute(Mac remoteName, InetAddress remote, int remotePort);

    void removeHeartbeatRoute(Mac remoteName, InetAddress remote, int remotePort);

    void forgetOnBridgePort(String port, List<Mac> macs);

    /** The MACs the bridge has learnt on {@code port}. */
    List<Mac> learntOnBridgePort(String port);

    void remove();
}
