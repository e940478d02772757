package dev.weft.router.dataplane.sleeve;

import dev.weft.router.dataplane.packet.FrameInfo;
import dev.weft.router.dataplane.packet.Ipv4Fragmenter;
import dev.weft.router.dataplane.packet.L4Checksums;
import dev.weft.router.dataplane.packet.TcpSegmenter;
import dev.weft.router.dataplane.packet.TooBig;
import dev.weft.router.dataplane.packet.VnetHeader;
import dev.weft.router.dataplane.wire.DatagramBatch;
import dev.weft.weaveutil.jna.IoBuffer;
import dev.weft.weaveutil.jna.SendList;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One packet loop's outgoing side: puts frames into per-neighbour datagram batches (cutting TSO
 * frames into segments, fragmenting or answering "too big" when a frame exceeds the neighbour's
 * path) and sends all batches with one {@code sendmmsg}. Owned by a single thread.
 */
final class FrameEmitter {
    private static final int BATCH_BYTES = 192 * 1024;
    private static final int EMSGSIZE = 90;
    private static final int EINVAL = 22;

    /** Where a "too big" answer goes: back into the local bridge, or over the sleeve to a remote sender. */
    interface TooBigAnswer {
        void answer(IoBuffer buffer, int frameOffset, int frameLength, long capturingPeer);
    }

    private final long self;
    private final SleeveSocket socket;
    private final SleeveStats stats;
    private final PathTrouble trouble;
    private final Map<SleevePeer, DatagramBatch> batches = new IdentityHashMap<>();
    private final List<DatagramBatch> dirty = new ArrayList<>();
    private final SendList sendList = new SendList(256);
    private final DatagramBatch[] sent = new DatagramBatch[256];
    private final IoBuffer answer = IoBuffer.allocate(2048);
    private boolean needsFlush;
    private final boolean gso = SleeveTuning.fromSystemProperties().gso();

    /** Called when a neighbour's datagrams are refused as too big: its path MTU has shrunk. */
    interface PathTrouble {
        void datagramTooBig(SleevePeer peer);
    }

    FrameEmitter(long self, SleeveSocket socket, SleeveStats stats, PathTrouble trouble) {
        this.self = self;
        this.socket = socket;
        this.stats = stats;
        this.trouble = trouble;
    }

    private DatagramBatch batch(SleevePeer peer) {
        DatagramBatch batch = batches.get(peer);
        if (batch == null) {
            batch = new DatagramBatch(peer, BATCH_BYTES);
            batches.put(peer, batch);
        }
        if (batch.isEmpty()) {
            dirty.add(batch);
        }
        return batch;
    }

    /** Forgets batches of neighbours that are gone. */
    void retain(java.util.function.Predicate<SleevePeer> current) {
        batches.keySet().removeIf(p -> !current.test(p));
    }

    /**
     * Queues the frame described by {@code f} (in {@code src}) for {@code to}.
     *
     * @param gsoSize  the segment size of a TSO frame, 0 for a plain frame
     * @param tooBig   where to send a "too big" answer; null to drop such frames
     * @return false when the frame was too big for the path (answered, fragmented or dropped)
     */
    boolean emit(ByteBuffer src, FrameInfo f, int gsoSize, SleevePeer to, long capturing, long destination,
                 IoBuffer srcMemory, TooBigAnswer tooBig) {
        DatagramBatch batch = batch(to);
        if (batch.isNearlyFull()) {
            flush();
            batch = batch(to);
        }
        int maxFrame = batch.maxFrame();
        boolean fits;
        if (gsoSize > 0) {
            fits = TcpSegmenter.segmentLength(f, gsoSize, 0) <= maxFrame;
            if (fits) {
                int count = TcpSegmenter.segmentCount(f, gsoSize);
                ByteBuffer out = batch.buffer();
                for (int i = 0; i < count; i++) {
                    int at = batch.reserve(capturing, destination, TcpSegmenter.segmentLength(f, gsoSize, i));
                    TcpSegmenter.writeSegment(src, f, gsoSize, i, out, at);
                }
            }
        } else {
            fits = f.length <= maxFrame;
            if (fits) {
                int at = batch.reserve(capturing, destination, f.length);
                batch.buffer().put(at, src, f.offset, f.length);
            }
        }
        if (!fits) {
            to.framesTooBig.increment();
            tooBig(src, f, batch, maxFrame, capturing, destination, srcMemory, tooBig);
        }
        if (batch.isNearlyFull()) {
            needsFlush = true;
        }
        return fits;
    }

    private void tooBig(ByteBuffer src, FrameInfo f, DatagramBatch batch, int maxFrame, long capturing,
                        long destination, IoBuffer srcMemory, TooBigAnswer tooBig) {
        int maxIp = maxFrame - FrameInfo.ETH_HEADER;
        if (TooBig.answers(src, f)) {
            if (tooBig != null) {
                ByteBuffer a = answer.buffer();
                int n = TooBig.write(src, f, maxIp, a, VnetHeader.LENGTH);
                tooBig.answer(answer, VnetHeader.LENGTH, n, capturing);
                stats.tooBigAnswered.increment();
            }
            return;
        }
        if (f.ipVersion == 4 && !f.dontFragment && Ipv4Fragmenter.count(f, maxIp) > 0) {
            if (L4Checksums.canBePartial(f)) {
                L4Checksums.makePartial(src, f);
                L4Checksums.finish(src, f.offset, f.length, f.l4Offset - f.offset, f.l4ChecksumField());
            }
            int count = Ipv4Fragmenter.count(f, maxIp);
            for (int i = 0; i < count; i++) {
                int at = batch.reserve(capturing, destination, fragmentLength(f, maxIp, i));
                Ipv4Fragmenter.write(src, f, maxIp, i, batch.buffer(), at);
            }
            stats.fragmented.increment();
            return;
        }
        stats.droppedTooBig.increment();
    }

    private static int fragmentLength(FrameInfo f, int maxIp, int index) {
        int chunk = Ipv4Fragmenter.chunk(f, maxIp);
        int payload = Math.min(f.ipTotalLength, f.length - FrameInfo.ETH_HEADER) - f.ipHeaderLength;
        return FrameInfo.ETH_HEADER + f.ipHeaderLength + Math.min(chunk, payload - index * chunk);
    }

    boolean needsFlush() {
        return needsFlush;
    }

    boolean hasPending() {
        return !dirty.isEmpty();
    }

    /** Drops everything queued (after a failure left a batch half-written). */
    void discard() {
        for (DatagramBatch batch : dirty) {
            batch.clear();
        }
        dirty.clear();
        sendList.clear();
        needsFlush = false;
    }

    /** Sends every batch in one go (more calls only if there are more runs than the send list holds). */
    void flush() {
        needsFlush = false;
        if (dirty.isEmpty()) {
            return;
        }
        sendList.clear();
        int listed = 0;
        for (DatagramBatch batch : dirty) {
            int needed = gso ? batch.pendingRuns() : batch.pendingDatagrams();
            if (sendList.size() + needed > sendList.capacity()) {
                send(listed);
                listed = 0;
            }
            int added = gso ? batch.emit(sendList) : batch.emitEach(sendList);
            for (int i = 0; i < added; i++) {
                sent[listed++] = batch;
            }
        }
        send(listed);
        for (DatagramBatch batch : dirty) {
            batch.clear();
        }
        dirty.clear();
    }

    private void send(int listed) {
        if (sendList.size() == 0) {
            return;
        }
        socket.send(sendList);
        for (int i = 0; i < listed; i++) {
            SleevePeer peer = (SleevePeer) sent[i].target();
            int length = sendList.length(i);
            int segment = Math.max(1, sendList.segmentSize(i));
            int errno = sendList.error(i);
            if (errno == 0) {
                peer.datagramsSent.add((length + segment - 1) / segment);
                peer.bytesSent.add(length);
            } else {
                peer.sendErrors.increment();
                if (errno == EMSGSIZE || errno == EINVAL) {
                    trouble.datagramTooBig(peer);
                }
            }
            sent[i] = null;
        }
        sendList.clear();
    }
}
