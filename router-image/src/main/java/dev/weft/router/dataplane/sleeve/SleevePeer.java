package dev.weft.router.dataplane.sleeve;

import dev.weft.router.dataplane.wire.DatagramSealer;
import dev.weft.router.dataplane.wire.DatagramTarget;
import dev.weft.router.dataplane.wire.SleeveFormat;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The sleeve's view of one neighbour (a peer with a direct mesh connection): where its datagrams
 * go, how large they may be, how they are sealed, and whether the fast path already carries this
 * neighbour's floods. Read by the packet loops without locks; changed by the connection's timers.
 */
public final class SleevePeer implements DatagramTarget {
    /** Until a path MTU is verified: what any IPv4 path carries without fragmenting. */
    public static final int SAFE_PATH_MTU = 576;

    private final long name;
    private final long localName;
    private final DatagramSealer sealer;
    private final AtomicLong sequence = new AtomicLong();
    private volatile int ipv4;
    private volatile int port;
    private volatile int pathMtu;
    private volatile boolean fastPathActive;
    private volatile long lastHeardNanos;
    final LongAdder datagramsSent = new LongAdder();
    final LongAdder datagramsReceived = new LongAdder();
    final LongAdder bytesSent = new LongAdder();
    final LongAdder bytesReceived = new LongAdder();
    final LongAdder sendErrors = new LongAdder();
    final LongAdder framesTooBig = new LongAdder();

    public SleevePeer(long name, long localName, int ipv4, int port, int pathMtu, DatagramSealer sealer) {
        this.name = name;
        this.localName = localName;
        this.ipv4 = ipv4;
        this.port = port;
        this.pathMtu = pathMtu;
        this.sealer = sealer;
    }

    public long name() {
        return name;
    }

    @Override
    public long localName() {
        return localName;
    }

    @Override
    public int maxDatagram() {
        return pathMtu - SleeveFormat.UDP_IP_OVERHEAD;
    }

    /** The IP packet size the path carries without fragmenting (verified by probes). */
    public int pathMtu() {
        return pathMtu;
    }

    public void setPathMtu(int mtu) {
        this.pathMtu = Math.max(SAFE_PATH_MTU, mtu);
    }

    /** The largest Ethernet frame one datagram carries to this neighbour. */
    public int maxFrame() {
        return SleeveFormat.maxFrame(pathMtu, sealer.overhead());
    }

    @Override
    public DatagramSealer sealer() {
        return sealer;
    }

    @Override
    public long nextSequence() {
        return sequence.getAndIncrement();
    }

    @Override
    public int ipv4() {
        return ipv4;
    }

    @Override
    public int port() {
        return port;
    }

    /** Where this neighbour's datagrams come from, when it differs (NAT): replies go there. */
    public void setAddress(int ipv4, int port) {
        this.ipv4 = ipv4;
        this.port = port;
    }

    /** True while the kernel's VXLAN carries this neighbour's and our floods (it delivered them already). */
    public boolean fastPathActive() {
        return fastPathActive;
    }

    public void setFastPathActive(boolean active) {
        this.fastPathActive = active;
    }

    public long lastHeardNanos() {
        return lastHeardNanos;
    }

    void heard(long nowNanos) {
        lastHeardNanos = nowNanos;
    }

    public long datagramsSent() {
        return datagramsSent.sum();
    }

    public long datagramsReceived() {
        return datagramsReceived.sum();
    }

    public long bytesSent() {
        return bytesSent.sum();
    }

    public long bytesReceived() {
        return bytesReceived.sum();
    }

    public long framesTooBig() {
        return framesTooBig.sum();
    }

    @Override
    public String toString() {
        return String.format("%012x", name);
    }
}
