package dev.weft.router.dataplane.sleeve;

import dev.weft.router.dataplane.wire.SleeveFormat;
import dev.weft.weaveutil.jna.IoBuffer;
import java.nio.ByteBuffer;

/**
 * Keeps one neighbour's sleeve path checked: heartbeats (every second, every half second until the
 * first answer) whose answers prove both directions work and give the round-trip time, and the
 * path-MTU search, re-run every ten minutes, when the kernel learns a smaller MTU, or when a send
 * is refused as too big. {@link #tick} runs on the timer thread; answers arrive on the receive loop.
 * Until its first answer, a heartbeat from the neighbour makes ours due at once: the neighbour's end
 * exists now, so the connection need not wait for the next early repeat to be proven.
 */
final class SleeveLinkMonitor {
    static final long HEARTBEAT_NANOS = 1_000_000_000L;
    static final long FIRST_HEARTBEAT_NANOS = 500_000_000L;
    /**
     * Unanswered heartbeats are repeated this often for the first {@link #EARLY_NANOS}: the peer's end is
     * usually made a few milliseconds after ours, so the very first heartbeat is often dropped there,
     * and the connection would otherwise wait half a second to become established.
     */
    static final long EARLY_HEARTBEAT_NANOS = 50_000_000L;
    static final long EARLY_NANOS = 3_000_000_000L;
    static final long REPROBE_NANOS = 600_000_000_000L;
    static final long KERNEL_CHECK_NANOS = 10_000_000_000L;
    static final long PROBE_TIMEOUT_NANOS = 10_000_000L;
    private static final int BODY = 16;
    private static final int EMSGSIZE = 90;

    private final SleevePeer peer;
    private final SleeveSocket socket;
    private final long uid;
    private final long startNanos;
    private final IoBuffer timerScratch;
    private final IoBuffer replyScratch = IoBuffer.allocate(512);
    private final Runnable firstAnswer;
    private long nextHeartbeat;
    private volatile long lastAnswer;
    private volatile long roundTripNanos;
    private PathMtuSearch search;
    private long probeDeadline;
    private boolean probeOutstanding;
    private long nextSearch;
    private long nextKernelCheck;
    private volatile boolean verified;

    /**
     * @param timerScratch 64 KiB for heartbeats and probes, shared by the monitors of one timer thread
     * @param firstAnswer  run on the receive loop when the first heartbeat is answered
     */
    SleeveLinkMonitor(SleevePeer peer, SleeveSocket socket, long uid, long nowNanos, IoBuffer timerScratch,
                      Runnable firstAnswer) {
        this.peer = peer;
        this.firstAnswer = firstAnswer;
        this.timerScratch = timerScratch;
        this.socket = socket;
        this.uid = uid;
        this.startNanos = nowNanos;
        this.nextHeartbeat = nowNanos;
        this.nextSearch = nowNanos;
        this.nextKernelCheck = nowNanos + KERNEL_CHECK_NANOS;
    }

    private long heartbeatInterval(long now) {
        if (lastAnswer != 0) {
            return HEARTBEAT_NANOS;
        }
        return now - startNanos < EARLY_NANOS ? EARLY_HEARTBEAT_NANOS : FIRST_HEARTBEAT_NANOS;
    }

    SleevePeer peer() {
        return peer;
    }

    /** Sends what is due: heartbeats, probes (on the timer thread only: it owns the scratch buffer). */
    synchronized void tick(long now) {
        if (now - nextHeartbeat >= 0) {
            sendHeartbeat(now);
            nextHeartbeat = now + heartbeatInterval(now);
        }
        if (search == null && now - nextSearch >= 0) {
            int kernel = socket.kernelPathMtu(peer.ipv4());
            search = new PathMtuSearch(SleevePeer.SAFE_PATH_MTU, kernel > 0 ? Math.min(kernel, 65535) : 1500);
            probeOutstanding = false;
        }
        if (search != null) {
            probe(now);
        } else if (now - nextKernelCheck >= 0) {
            nextKernelCheck = now + KERNEL_CHECK_NANOS;
            int kernel = socket.kernelPathMtu(peer.ipv4());
            if (kernel > 0 && kernel != peer.pathMtu()) {
                nextSearch = now;
            }
        }
    }

    private void probe(long now) {
        if (probeOutstanding) {
            if (now - probeDeadline < 0) {
                return;
            }
            search.timedOut();
            probeOutstanding = false;
        }
        ByteBuffer b = timerScratch.buffer();
        while (search.probeSize() > 0) {
            int size = search.probeSize();
            int body = size - SleeveFormat.UDP_IP_OVERHEAD - peer.sealer().overhead();
            boolean refused = false;
            for (int copy = 0; copy < 2 && !refused; copy++) {
                int length = control(b, SleeveFormat.KIND_PMTU_PROBE, size, now, body);
                refused = socket.sendTo(timerScratch, 0, length, peer.ipv4(), peer.port()) == EMSGSIZE;
            }
            if (!refused) {
                probeOutstanding = true;
                probeDeadline = now + (Math.max(PROBE_TIMEOUT_NANOS, 4 * roundTripNanos) << search.tryNumber());
                return;
            }
            search.refused();
        }
        finishSearch(now);
    }

    private void finishSearch(long now) {
        peer.setPathMtu(search.verified());
        verified = true;
        search = null;
        nextSearch = now + REPROBE_NANOS;
        nextKernelCheck = now + KERNEL_CHECK_NANOS;
    }

    /** A send to this neighbour was refused as too big: search again. */
    synchronized void datagramTooBig(long now) {
        if (search == null) {
            nextSearch = now;
        }
    }

    private void sendHeartbeat(long now) {
        int length = control(timerScratch.buffer(), SleeveFormat.KIND_HEARTBEAT, 0, now, SleeveFormat.HEADER + BODY);
        socket.sendTo(timerScratch, 0, length, peer.ipv4(), peer.port());
    }

    /** Writes a control datagram at 0: header, uid, the value and the time, padded to {@code size}; returns its sealed length. */
    private int control(ByteBuffer b, int kind, long value, long now, int size) {
        SleeveFormat.writeHeader(b, 0, peer.localName(), kind, peer.sealer().headerFlags(), peer.nextSequence());
        b.putLong(SleeveFormat.HEADER, uid);
        b.putInt(SleeveFormat.HEADER + 8, (int) value);
        b.putInt(SleeveFormat.HEADER + 12, (int) (now / 1000));
        int length = Math.max(size, SleeveFormat.HEADER + BODY);
        return peer.sealer().seal(b, 0, length);
    }

    /** A control datagram from this neighbour (on the receive loop). */
    void received(int kind, ByteBuffer b, int at, int length, int sourceIp, int sourcePort, long now) {
        if (length < SleeveFormat.HEADER + BODY) {
            return;
        }
        long theirUid = b.getLong(at + SleeveFormat.HEADER);
        int value = b.getInt(at + SleeveFormat.HEADER + 8);
        int micros = b.getInt(at + SleeveFormat.HEADER + 12);
        switch (kind) {
            case SleeveFormat.KIND_HEARTBEAT -> {
                if ((sourceIp != peer.ipv4() || sourcePort != peer.port()) && now - lastAnswer > 3 * HEARTBEAT_NANOS) {
                    peer.setAddress(sourceIp, sourcePort);
                }
                reply(SleeveFormat.KIND_HEARTBEAT_ACK, theirUid, value, micros);
                if (lastAnswer == 0) {
                    heartbeatDue(now);
                }
            }
            case SleeveFormat.KIND_PMTU_PROBE -> reply(SleeveFormat.KIND_PMTU_ACK, theirUid, value, micros);
            case SleeveFormat.KIND_HEARTBEAT_ACK -> {
                if (theirUid == uid) {
                    boolean first = lastAnswer == 0;
                    long rtt = (now / 1000 - Integer.toUnsignedLong(micros)) & 0xffffffffL;
                    roundTripNanos = Math.min(rtt * 1000, 1_000_000_000L);
                    lastAnswer = now;
                    if (first) {
                        firstAnswer.run();
                    }
                }
            }
            case SleeveFormat.KIND_PMTU_ACK -> {
                if (theirUid == uid) {
                    answered(value, now);
                }
            }
            default -> {
            }
        }
    }

    private synchronized void heartbeatDue(long now) {
        if (nextHeartbeat - now > 0) {
            nextHeartbeat = now;
        }
    }

    private synchronized void answered(int size, long now) {
        if (search != null && probeOutstanding && size == search.probeSize()) {
            search.answered(size);
            probeOutstanding = false;
        }
    }

    private void reply(int kind, long theirUid, int value, int micros) {
        synchronized (replyScratch) {
            ByteBuffer b = replyScratch.buffer();
            SleeveFormat.writeHeader(b, 0, peer.localName(), kind, peer.sealer().headerFlags(), peer.nextSequence());
            b.putLong(SleeveFormat.HEADER, theirUid).putInt(SleeveFormat.HEADER + 8, value)
                    .putInt(SleeveFormat.HEADER + 12, micros);
            int length = peer.sealer().seal(b, 0, SleeveFormat.HEADER + BODY);
            socket.sendTo(replyScratch, 0, length, peer.ipv4(), peer.port());
        }
    }

    /** True when a heartbeat was answered within {@code windowNanos}. */
    boolean working(long now, long windowNanos) {
        long last = lastAnswer;
        return last != 0 && now - last < windowNanos;
    }

    long lastAnswerNanos() {
        return lastAnswer;
    }

    long startNanos() {
        return startNanos;
    }

    long roundTripNanos() {
        return roundTripNanos;
    }

    /** True once a path MTU search has finished. */
    boolean pathMtuVerified() {
        return verified;
    }
}
