package dev.weft.router.dataplane.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.weaveutil.jna.SendList;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Frames packed into datagrams and datagrams grouped into GSO runs, read back from the bytes. */
class DatagramBatchTest {
    private static final long ME = 0x8a_3e_3e_3e_3e_01L;
    private static final long PEER = 0x8a_3e_3e_3e_3e_02L;

    static final class Target implements DatagramTarget {
        final AtomicLong sequence = new AtomicLong();
        int maxDatagram = 1472;
        DatagramSealer sealer = DatagramSealer.PLAIN;

        @Override
        public long localName() {
            return ME;
        }

        @Override
        public int maxDatagram() {
            return maxDatagram;
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
            return 0xc612000c;
        }

        @Override
        public int port() {
            return 6783;
        }
    }

    private static void frame(DatagramBatch batch, long destination, int length, int marker) {
        int at = batch.reserve(ME, destination, length);
        for (int i = 0; i < length; i++) {
            batch.buffer().put(at + i, (byte) (marker + i));
        }
    }

    /** Every datagram in the batch's runs: [offset, length]. */
    private static List<int[]> datagrams(DatagramBatch batch) {
        List<int[]> out = new ArrayList<>();
        for (int r = 0; r < batch.runs(); r++) {
            int[] run = batch.run(r);
            for (int off = 0; off < run[1]; off += run[2]) {
                out.add(new int[] {run[0] + off, Math.min(run[2], run[1] - off)});
            }
        }
        return out;
    }

    @Test
    void fullSizeFramesMakeOneRunAndSmallOnesShareTheShorterLastDatagram() {
        Target target = new Target();
        DatagramBatch batch = new DatagramBatch(target, 256 * 1024);
        int big = batch.maxFrame();
        assertEquals(1472 - 16 - 14, big);
        for (int i = 0; i < 40; i++) {
            frame(batch, PEER, big, i);
        }
        frame(batch, SleeveFormat.FLOOD, 60, 100);
        frame(batch, PEER, 54, 101);
        frame(batch, PEER, 54, 102);
        assertEquals(1, batch.emit(new SendList(8)));
        assertEquals(1, batch.runs());
        int[] run = batch.run(0);
        assertEquals(1472, run[2]);
        assertEquals(40 * 1472 + 16 + 3 * 14 + 60 + 54 + 54, run[1]);

        List<int[]> datagrams = datagrams(batch);
        assertEquals(41, datagrams.size());
        ByteBuffer b = batch.buffer();
        for (int d = 0; d < 41; d++) {
            int at = datagrams.get(d)[0];
            assertEquals(ME, SleeveFormat.sender(b, at));
            assertEquals(SleeveFormat.KIND_FRAMES, SleeveFormat.kind(b, at));
            assertEquals(d, SleeveFormat.sequence(b, at));
        }
        int last = datagrams.get(40)[0] + SleeveFormat.HEADER;
        assertEquals(SleeveFormat.FLOOD, SleeveFormat.destinationPeer(b, last));
        assertEquals(60, SleeveFormat.frameLength(b, last));
        assertEquals(100, b.get(last + 14));
        int second = last + 14 + 60;
        assertEquals(PEER, SleeveFormat.destinationPeer(b, second));
        assertEquals(ME, SleeveFormat.capturingPeer(b, second));
        assertEquals(101, b.get(second + 14));
    }

    @Test
    void aLongerDatagramAfterAShorterOneStartsANewRunAndRunsStopAt64Segments() {
        Target target = new Target();
        DatagramBatch batch = new DatagramBatch(target, 512 * 1024);
        frame(batch, PEER, 100, 0);
        batch.closeDatagram();
        frame(batch, PEER, 1000, 0);
        for (int i = 0; i < 70; i++) {
            frame(batch, PEER, 800, 0);
            batch.closeDatagram();
        }
        batch.emit(new SendList(8));
        // [130] | [1030, 830 (shorter: ends the run)] | [830 x 64: the segment limit] | [830 x 5]
        assertEquals(4, batch.runs());
        assertEquals(130, batch.run(0)[1]);
        assertEquals(1030, batch.run(1)[2]);
        assertEquals(1030 + 830, batch.run(1)[1]);
        assertEquals(830, batch.run(2)[2]);
        assertEquals(64 * 830, batch.run(2)[1]);
        assertEquals(5 * 830, batch.run(3)[1]);
        for (int r = 0; r < batch.runs(); r++) {
            assertTrue(batch.run(r)[1] <= DatagramBatch.MAX_RUN_BYTES);
        }
    }

    @Test
    void sealingLeavesRoomForTheTagAndMarksTheHeader() {
        Target target = new Target();
        target.sealer = new DatagramSealer() {
            @Override
            public int overhead() {
                return 16;
            }

            @Override
            public int headerFlags() {
                return SleeveFormat.FLAG_SEALED;
            }

            @Override
            public int seal(ByteBuffer b, int offset, int length) {
                for (int i = 0; i < 16; i++) {
                    b.put(offset + length + i, (byte) 0xee);
                }
                return length + 16;
            }

            @Override
            public int open(ByteBuffer b, int offset, int length) {
                return length - 16;
            }
        };
        DatagramBatch batch = new DatagramBatch(target, 128 * 1024);
        assertEquals(1472 - 16 - 14 - 16, batch.maxFrame());
        frame(batch, PEER, batch.maxFrame(), 0);
        frame(batch, PEER, batch.maxFrame(), 0);
        batch.emit(new SendList(2));
        assertEquals(1, batch.runs());
        assertEquals(1472, batch.run(0)[2], "a sealed full datagram is exactly the path's size");
        assertEquals(SleeveFormat.FLAG_SEALED, SleeveFormat.flags(batch.buffer(), 0));
        byte[] tag = new byte[16];
        batch.buffer().get(1472 - 16, tag);
        byte[] expected = new byte[16];
        java.util.Arrays.fill(expected, (byte) 0xee);
        assertArrayEquals(expected, tag);
        batch.clear();
        assertTrue(batch.isEmpty());
    }
}
