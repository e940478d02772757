package dev.weft.router.dataplane.wire;

import dev.weft.weaveutil.jna.IoBuffer;
import dev.weft.weaveutil.jna.SendList;
import java.nio.ByteBuffer;

/**
 * Frames queued for one neighbour, packed into sleeve datagrams laid out back to back in one
 * buffer: small frames share a datagram, large ones fill one each. Consecutive datagrams of equal
 * size (the last may be shorter) form a run that leaves in one UDP GSO send. One thread fills a
 * batch, {@link #emit} hands its runs to a {@link SendList}, and {@link #clear} readies it again;
 * nothing is allocated per frame.
 */
public final class DatagramBatch {
    /** Most datagrams and bytes in one GSO send (the kernel's UDP_MAX_SEGMENTS and IP length limits). */
    public static final int MAX_RUN_SEGMENTS = 64;
    public static final int MAX_RUN_BYTES = 65000;
    private static final int MAX_RUNS = 128;

    private final DatagramTarget target;
    private final IoBuffer memory;
    private final ByteBuffer b;
    private final int[] runStart = new int[MAX_RUNS];
    private final int[] runLength = new int[MAX_RUNS];
    private final int[] runSegment = new int[MAX_RUNS];
    private int runs;
    private boolean runOpen;
    private boolean runEnded;
    private int used;
    private int open = -1;
    private int openLength;
    private int datagrams;

    public DatagramBatch(DatagramTarget target, int capacity) {
        this.target = target;
        this.memory = IoBuffer.allocate(capacity);
        this.b = memory.buffer();
    }

    public DatagramTarget target() {
        return target;
    }

    public ByteBuffer buffer() {
        return b;
    }

    public boolean isEmpty() {
        return used == 0 && open < 0;
    }

    /** True when another 64 KiB might not fit: time to emit. */
    public boolean isNearlyFull() {
        return b.capacity() - used - (open < 0 ? 0 : openLength) < 65536 + 2048 || runs >= MAX_RUNS - 2;
    }

    /** The largest frame a datagram to this target can carry. */
    public int maxFrame() {
        return target.maxDatagram() - SleeveFormat.HEADER - SleeveFormat.RECORD_HEADER - target.sealer().overhead();
    }

    /**
     * Makes room for a frame of {@code length} bytes (at most {@link #maxFrame()}) with its record
     * header written; returns where the frame's bytes go in {@link #buffer()}.
     */
    public int reserve(long capturingPeer, long destinationPeer, int length) {
        int room = target.maxDatagram() - target.sealer().overhead();
        int record = SleeveFormat.RECORD_HEADER + length;
        if (open >= 0 && openLength + record > room) {
            closeDatagram();
        }
        if (open < 0) {
            open = used;
            openLength = SleeveFormat.HEADER;
        }
        int at = open + openLength;
        SleeveFormat.writeRecordHeader(b, at, capturingPeer, destinationPeer, length);
        openLength += record;
        return at + SleeveFormat.RECORD_HEADER;
    }

    /** Ends the datagram being filled, sealing it; frames reserved after this start a new one. */
    public void closeDatagram() {
        if (open < 0) {
            return;
        }
        DatagramSealer sealer = target.sealer();
        SleeveFormat.writeHeader(b, open, target.localName(), SleeveFormat.KIND_FRAMES, sealer.headerFlags(),
                target.nextSequence());
        int length = sealer.seal(b, open, openLength);
        addToRun(open, length);
        used = open + length;
        open = -1;
        datagrams++;
    }

    private void addToRun(int at, int length) {
        if (runOpen) {
            int r = runs - 1;
            int segment = runSegment[r];
            boolean fits = !runEnded && length <= segment && runLength[r] + length <= MAX_RUN_BYTES
                    && runLength[r] / segment < MAX_RUN_SEGMENTS && runStart[r] + runLength[r] == at;
            if (fits) {
                runLength[r] += length;
                runEnded = length < segment;
                return;
            }
        }
        runStart[runs] = at;
        runLength[runs] = length;
        runSegment[runs] = length;
        runs++;
        runOpen = true;
        runEnded = false;
    }

    /** Closes the open datagram and adds every run to {@code list}; returns how many runs were added. */
    public int emit(SendList list) {
        closeDatagram();
        int ip = target.ipv4();
        int port = target.port();
        for (int r = 0; r < runs; r++) {
            list.add(memory.address() + runStart[r], runLength[r], runSegment[r], ip, port);
        }
        return runs;
    }

    /** Like {@link #emit} with one entry per datagram (no GSO), for measuring what GSO saves. */
    public int emitEach(SendList list) {
        closeDatagram();
        int ip = target.ipv4();
        int port = target.port();
        int added = 0;
        for (int r = 0; r < runs; r++) {
            for (int off = 0; off < runLength[r]; off += runSegment[r]) {
                if (list.isFull()) {
                    return added;
                }
                list.add(memory.address() + runStart[r] + off, Math.min(runSegment[r], runLength[r] - off),
                        runSegment[r], ip, port);
                added++;
            }
        }
        return added;
    }

    /** Datagrams waiting to be emitted. */
    public int pendingDatagrams() {
        int n = open >= 0 ? 1 : 0;
        for (int r = 0; r < runs; r++) {
            n += (runLength[r] + runSegment[r] - 1) / runSegment[r];
        }
        return n;
    }

    /** Runs waiting to be emitted (after closing the open datagram). */
    public int pendingRuns() {
        return runs + (open >= 0 ? 1 : 0);
    }

    /** Forgets everything queued (after the send). */
    public void clear() {
        runs = 0;
        runOpen = false;
        runEnded = false;
        used = 0;
        open = -1;
        openLength = 0;
    }

    /** Datagrams closed since this batch was made. */
    public long datagrams() {
        return datagrams;
    }

    /** For tests: run {@code r}'s offset, length and segment size. */
    int[] run(int r) {
        return new int[] {runStart[r], runLength[r], runSegment[r]};
    }

    int runs() {
        return runs;
    }
}
