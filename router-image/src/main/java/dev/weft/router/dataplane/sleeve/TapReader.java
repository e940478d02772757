package dev.weft.router.dataplane.sleeve;

import dev.weft.router.dataplane.packet.FrameInfo;
import dev.weft.router.dataplane.packet.L4Checksums;
import dev.weft.router.dataplane.packet.VnetHeader;
import dev.weft.router.dataplane.wire.SleeveFormat;
import dev.weft.weaveutil.jna.IoBuffer;
import java.nio.ByteBuffer;
import java.util.function.Supplier;

/**
 * The sleeve's capture loop: frames the bridge hands to the TAP port (local containers' traffic
 * for peers the fast path does not reach) go, by destination MAC, to the peer that has it or along
 * this peer's broadcast tree. Reads until the TAP is empty, then sends every batch at once.
 */
final class TapReader implements Runnable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TapReader.class);
    private static final long STP = 0x0180c2000000L;
    private static final int FLUSH_EVERY = 64;
    private static final int IDLE_WAIT_MILLIS = 200;

    private final long self;
    private final TapPort tap;
    private final MacTable macs;
    private final Supplier<ForwardingTable> table;
    private final FrameEmitter emitter;
    private final SleeveStats stats;
    private final IoBuffer rx = IoBuffer.allocate(VnetHeader.LENGTH + 65536 + 64);
    private final FrameInfo info = new FrameInfo();
    private final FrameEmitter.TooBigAnswer backToBridge;
    private final LoopFailures failures = new LoopFailures(LOG, "sleeve capture loop");
    private volatile boolean running = true;
    private long lastLearnt = -1;
    private long lastLearntAt;

    TapReader(long self, TapPort tap, MacTable macs, Supplier<ForwardingTable> table, FrameEmitter emitter,
              SleeveStats stats) {
        this.self = self;
        this.tap = tap;
        this.macs = macs;
        this.table = table;
        this.emitter = emitter;
        this.stats = stats;
        this.backToBridge = (buffer, offset, length, capturing) -> {
            VnetHeader.writeNone(buffer.buffer(), offset - VnetHeader.LENGTH);
            if (tap.write(buffer, offset - VnetHeader.LENGTH, length + VnetHeader.LENGTH) != 0) {
                stats.tapWriteErrors.increment();
            }
        };
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        int sinceFlush = 0;
        while (running) {
            try {
                int n = tap.read(rx, 0, rx.capacity());
                if (n < 0) {
                    emitter.flush();
                    sinceFlush = 0;
                    tap.awaitReadable(IDLE_WAIT_MILLIS);
                    continue;
                }
                handle(n, System.nanoTime());
                if (++sinceFlush >= FLUSH_EVERY || emitter.needsFlush()) {
                    emitter.flush();
                    sinceFlush = 0;
                }
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                failures.failed(e);
                emitter.discard();
            }
        }
    }

    void handle(int n, long now) {
        ByteBuffer b = rx.buffer();
        int length = n - VnetHeader.LENGTH;
        if (length < FrameInfo.ETH_HEADER) {
            stats.droppedMalformed.increment();
            return;
        }
        stats.framesCaptured.increment();
        int frame = VnetHeader.LENGTH;
        long source = FrameInfo.sourceMac(b, frame);
        long destination = FrameInfo.destinationMac(b, frame);
        if ((source >>> 40 & 1) != 0 || destination == STP) {
            return;
        }
        if (source != lastLearnt || now - lastLearntAt > 1_000_000_000L) {
            macs.learn(source, self, now);
            lastLearnt = source;
            lastLearntAt = now;
        }
        ForwardingTable t = table.get();
        long peer = SleeveFormat.FLOOD;
        SleevePeer unicastHop = null;
        if (!FrameInfo.isMulticast(b, frame)) {
            long at = macs.lookup(destination, now);
            if (at == self) {
                return;
            }
            if (at != MacTable.UNKNOWN) {
                unicastHop = t.nextHop(at);
                if (unicastHop == null) {
                    stats.droppedUnreachable.increment();
                    return;
                }
                peer = at;
            }
        }
        SleevePeer[] flood = unicastHop == null ? t.ownFlood() : null;
        if (unicastHop == null && flood.length == 0) {
            return;
        }
        info.parse(b, frame, length);
        int gsoType = VnetHeader.gsoType(b, 0) & ~VnetHeader.GSO_ECN;
        int gsoSize = 0;
        if (gsoType == VnetHeader.GSO_TCPV4 || gsoType == VnetHeader.GSO_TCPV6) {
            if (!info.isTcp()) {
                stats.droppedMalformed.increment();
                return;
            }
            gsoSize = VnetHeader.gsoSize(b, 0);
        } else if (gsoType != VnetHeader.GSO_NONE) {
            stats.droppedMalformed.increment();
            return;
        } else if ((VnetHeader.flags(b, 0) & VnetHeader.NEEDS_CSUM) != 0) {
            int start = VnetHeader.checksumStart(b, 0);
            int field = VnetHeader.checksumOffset(b, 0);
            if (!L4Checksums.isStandardPosition(info, start, field)) {
                L4Checksums.finish(b, frame, length, start, field);
            }
        }
        if (unicastHop != null) {
            emitter.emit(b, info, gsoSize, unicastHop, self, peer, rx, backToBridge);
        } else {
            for (SleevePeer hop : flood) {
                emitter.emit(b, info, gsoSize, hop, self, SleeveFormat.FLOOD, rx, backToBridge);
            }
        }
    }
}
