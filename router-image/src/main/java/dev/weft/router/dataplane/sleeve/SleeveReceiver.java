package dev.weft.router.dataplane.sleeve;

import dev.weft.router.dataplane.packet.FrameInfo;
import dev.weft.router.dataplane.packet.TcpCoalescer;
import dev.weft.router.dataplane.packet.VnetHeader;
import dev.weft.router.dataplane.wire.SleeveFormat;
import dev.weft.weaveutil.jna.IoBuffer;
import dev.weft.weaveutil.jna.ReceiveList;
import java.nio.ByteBuffer;
import java.util.function.Supplier;

/**
 * The sleeve's receive loop: datagrams from neighbours are opened, their frames delivered to the
 * local bridge (segments of one flow joined again) and/or passed on towards their destination
 * peer or along the capturing peer's broadcast tree. Control datagrams go to the connection's
 * monitor. Everything received in one {@code recvmmsg} is handled before the TAP writes and relay
 * sends are flushed.
 */
final class SleeveReceiver implements Runnable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SleeveReceiver.class);
    private static final int IDLE_WAIT_MILLIS = 200;
    private static final int MESSAGES = 16;

    /** Control datagrams (heartbeats, path-MTU probes) for a neighbour's monitor; runs on this loop's thread. */
    interface ControlHandler {
        void control(SleevePeer from, int kind, ByteBuffer b, int datagram, int length, int sourceIp, int sourcePort);
    }

    private final long self;
    private final SleeveSocket socket;
    private final MacTable macs;
    private final Supplier<ForwardingTable> table;
    private final FrameEmitter emitter;
    private final TcpCoalescer delivery;
    private final SleeveStats stats;
    private final ControlHandler control;
    private final ReceiveList list = new ReceiveList(MESSAGES, 65536);
    private final FrameInfo info = new FrameInfo();
    private final FrameEmitter.TooBigAnswer backToSender;
    private final LoopFailures failures = new LoopFailures(LOG, "sleeve receive loop");
    private volatile boolean running = true;
    private long lastLearnt = -1;
    private long lastLearntPeer;
    private long lastLearntAt;
    private ForwardingTable current;

    SleeveReceiver(long self, SleeveSocket socket, TapPort tap, MacTable macs, Supplier<ForwardingTable> table,
                   FrameEmitter emitter, SleeveStats stats, ControlHandler control) {
        this.self = self;
        this.socket = socket;
        this.macs = macs;
        this.table = table;
        this.emitter = emitter;
        this.stats = stats;
        this.control = control;
        this.delivery = new TcpCoalescer(SleeveTuning.fromSystemProperties().join(), (buffer, offset, length) -> {
            int errno = tap.write(buffer, offset, length);
            if (errno != 0) {
                stats.tapWriteErrors.increment();
            }
            return errno;
        });
        this.backToSender = this::answerOverSleeve;
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        while (running) {
            try {
                int n = socket.receive(list);
                if (n == 0) {
                    delivery.flush();
                    emitter.flush();
                    socket.awaitReadable(IDLE_WAIT_MILLIS);
                    continue;
                }
                handle(list, n, System.nanoTime());
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                failures.failed(e);
                delivery.discard();
                emitter.discard();
            }
        }
    }

    /** Handles {@code n} received messages, then flushes deliveries and relays. */
    void handle(ReceiveList received, int n, long now) {
        current = table.get();
        IoBuffer data = received.data();
        for (int m = 0; m < n; m++) {
            int start = received.offset(m);
            int length = received.length(m);
            int segment = received.segmentSize(m) > 0 ? received.segmentSize(m) : length;
            for (int d = start; d < start + length; d += segment) {
                datagram(data, d, Math.min(segment, start + length - d), received.sourceIpv4(m),
                        received.sourcePort(m), now);
            }
        }
        delivery.flush();
        emitter.flush();
    }

    private void datagram(IoBuffer data, int at, int length, int sourceIp, int sourcePort, long now) {
        ByteBuffer b = data.buffer();
        if (length < SleeveFormat.HEADER) {
            stats.droppedMalformed.increment();
            return;
        }
        int kind = SleeveFormat.kind(b, at);
        SleevePeer from = current.neighbour(SleeveFormat.sender(b, at));
        if (from == null) {
            stats.droppedUnknownSender.increment();
            return;
        }
        int opened = from.sealer().open(b, at, length);
        if (opened < 0) {
            stats.droppedUnopened.increment();
            return;
        }
        from.heard(now);
        from.datagramsReceived.increment();
        from.bytesReceived.add(length);
        if (kind != SleeveFormat.KIND_FRAMES) {
            control.control(from, kind, b, at, opened, sourceIp, sourcePort);
            return;
        }
        int p = at + SleeveFormat.HEADER;
        int end = at + opened;
        while (p + SleeveFormat.RECORD_HEADER <= end) {
            int frameLength = SleeveFormat.frameLength(b, p);
            int frame = p + SleeveFormat.RECORD_HEADER;
            if (frame + frameLength > end || frameLength < FrameInfo.ETH_HEADER) {
                stats.droppedMalformed.increment();
                return;
            }
            frame(data, SleeveFormat.capturingPeer(b, p), SleeveFormat.destinationPeer(b, p), frame, frameLength,
                    now);
            p = frame + frameLength;
        }
    }

    private void frame(IoBuffer data, long capturing, long destination, int frame, int length, long now) {
        ByteBuffer b = data.buffer();
        if (capturing == self) {
            stats.droppedMalformed.increment();
            return;
        }
        long source = FrameInfo.sourceMac(b, frame);
        if (source != lastLearnt || capturing != lastLearntPeer || now - lastLearntAt > 1_000_000_000L) {
            macs.learn(source, capturing, now);
            lastLearnt = source;
            lastLearntPeer = capturing;
            lastLearntAt = now;
        }
        if (destination == self) {
            deliver(data, frame, length);
            return;
        }
        if (destination == SleeveFormat.FLOOD) {
            SleevePeer[] hops = current.floodFrom(capturing);
            if (hops.length > 0) {
                info.parse(b, frame, length);
                for (SleevePeer hop : hops) {
                    relay(data, hop, capturing, SleeveFormat.FLOOD);
                }
            }
            SleevePeer direct = current.neighbour(capturing);
            if (direct == null || !direct.fastPathActive()) {
                deliver(data, frame, length);
            }
            return;
        }
        SleevePeer hop = current.nextHop(destination);
        if (hop == null) {
            stats.droppedUnreachable.increment();
            return;
        }
        info.parse(b, frame, length);
        relay(data, hop, capturing, destination);
    }

    private void relay(IoBuffer data, SleevePeer hop, long capturing, long destination) {
        emitter.emit(data.buffer(), info, 0, hop, capturing, destination, data, backToSender);
        stats.framesRelayed.increment();
    }

    private void deliver(IoBuffer data, int frame, int length) {
        delivery.deliver(data, frame, length);
        stats.framesDelivered.increment();
    }

    /** A relayed frame too big for the next hop: the ICMP answer goes back to the peer that captured it. */
    private void answerOverSleeve(IoBuffer buffer, int offset, int length, long capturing) {
        SleevePeer back = current.nextHop(capturing);
        if (back == null) {
            return;
        }
        FrameInfo answer = new FrameInfo();
        answer.parse(buffer.buffer(), offset, length);
        emitter.emit(buffer.buffer(), answer, 0, back, self, capturing, buffer, null);
    }

    long framesJoined() {
        return delivery.segmentsJoined();
    }

}
