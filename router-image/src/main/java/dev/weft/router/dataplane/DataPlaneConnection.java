package dev.weft.router.dataplane;

import dev.weft.router.dataplane.fastpath.FastPathLink;
import dev.weft.router.dataplane.sleeve.SleevePeer;
import dev.weft.router.mesh.OverlayConnection;
import dev.weft.router.mesh.OverlayConnectionParams;
import java.net.Inet4Address;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One mesh connection's data path: always a sleeve neighbour, and a fast-path link when both
 * routers offer the fast path. It carries traffic over the fast path while heartbeats say it
 * works and over the sleeve otherwise, and says which and why in {@link #attrs()}.
 */
public final class DataPlaneConnection implements OverlayConnection {
    /** Without any heartbeat answered for this long the connection fails and the mesh redials. */
    static final long FAIL_NANOS = 60_000_000_000L;

    private final DataPlane plane;
    private final OverlayConnectionParams params;
    private final Inet4Address remoteIp;
    private final int remoteDataPort;
    private final String noFastPathReason;
    private final CompletableFuture<Void> established = new CompletableFuture<>();
    private final CompletableFuture<Void> failed = new CompletableFuture<>();
    private volatile SleevePeer sleevePeer;
    private volatile FastPathLink fastLink;
    private volatile boolean fastActive;
    private volatile long confirmedNanos;
    private volatile long lastWorkingNanos;
    private volatile boolean stopped;

    DataPlaneConnection(DataPlane plane, OverlayConnectionParams params, Inet4Address remoteIp, int remoteDataPort,
                        String noFastPathReason) {
        this.plane = plane;
        this.params = params;
        this.remoteIp = remoteIp;
        this.remoteDataPort = remoteDataPort;
        this.noFastPathReason = noFastPathReason;
    }

    public OverlayConnectionParams params() {
        return params;
    }

    Inet4Address remoteIp() {
        return remoteIp;
    }

    int remoteDataPort() {
        return remoteDataPort;
    }

    /** Why this connection cannot use the fast path at all, or null when it may. */
    String noFastPathReason() {
        return noFastPathReason;
    }

    SleevePeer sleevePeer() {
        return sleevePeer;
    }

    FastPathLink fastLink() {
        return fastLink;
    }

    boolean fastActive() {
        return fastActive;
    }

    void setFastActive(boolean active) {
        this.fastActive = active;
    }

    @Override
    public synchronized void confirm() {
        if (stopped || sleevePeer != null) {
            return;
        }
        long now = System.nanoTime();
        confirmedNanos = now;
        lastWorkingNanos = now;
        sleevePeer = plane.sleeveNeighbour(this);
        if (noFastPathReason == null) {
            fastLink = plane.fastPathLink(this, now);
        }
    }

    /** The supervisor's periodic look (its thread only): established, failed. */
    void supervise(long now, boolean sleeveWorking) {
        if (sleevePeer == null || stopped) {
            return;
        }
        if (sleeveWorking || fastActive) {
            lastWorkingNanos = now;
            established.complete(null);
        } else if (now - lastWorkingNanos > FAIL_NANOS && !failed.isDone()) {
            failed.completeExceptionally(new IllegalStateException("no data-plane heartbeat from "
                    + remoteIp.getHostAddress() + " on UDP " + remoteDataPort
                    + (fastLink != null ? " or " + (remoteDataPort + 1) : "") + " for "
                    + (now - lastWorkingNanos) / 1_000_000_000L + " s"));
        }
    }

    @Override
    public CompletionStage<Void> established() {
        return established;
    }

    @Override
    public CompletionStage<Void> failed() {
        return failed;
    }

    @Override
    public void controlMessage(byte[] message) {
        // the data plane needs no control messages: both overlays prove themselves in-band
    }

    /** The overlay in use ({@code fastdp} or {@code sleeve}), {@code mtu}, and {@code reason} when on the sleeve. */
    @Override
    public Map<String, String> attrs() {
        Map<String, String> attrs = new LinkedHashMap<>();
        SleevePeer peer = sleevePeer;
        if (fastActive) {
            attrs.put("name", "fastdp");
            attrs.put("mtu", Integer.toString(plane.config().mtu()));
            return attrs;
        }
        attrs.put("name", "sleeve");
        int mtu = plane.config().mtu();
        if (peer != null) {
            mtu = Math.min(mtu, peer.maxFrame() - 14);
        }
        attrs.put("mtu", Integer.toString(mtu));
        attrs.put("reason", plane.sleeveReason(this, System.nanoTime()));
        return attrs;
    }

    @Override
    public void stop() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
        }
        plane.connectionStopped(this);
    }

    boolean stopped() {
        return stopped;
    }

    long confirmedNanos() {
        return confirmedNanos;
    }

    @Override
    public String toString() {
        return params.remotePeer() + "@" + remoteIp.getHostAddress();
    }
}
