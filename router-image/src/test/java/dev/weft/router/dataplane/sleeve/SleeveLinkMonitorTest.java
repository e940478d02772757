package dev.weft.router.dataplane.sleeve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.dataplane.wire.DatagramSealer;
import dev.weft.router.dataplane.wire.SleeveFormat;
import dev.weft.weaveutil.jna.IoBuffer;
import dev.weft.weaveutil.jna.ReceiveList;
import dev.weft.weaveutil.jna.SendList;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SleeveLinkMonitorTest {
    private static final long MS = 1_000_000L;
    private static final int HEARTBEAT_LENGTH = SleeveFormat.HEADER + 16;

    @Test
    void unansweredHeartbeatsAreRepeatedEvery50MsForThreeSecondsThenEveryHalfSecond() {
        List<Long> heartbeats = new ArrayList<>();
        long[] clock = {0};
        SleeveLinkMonitor monitor = monitor(heartbeats, clock, () -> { });

        for (long t = 0; t <= 5000 * MS; t += 10 * MS) {
            clock[0] = t;
            monitor.tick(t);
        }

        List<Long> early = heartbeats.stream().filter(t -> t < 3000 * MS).toList();
        assertEquals(60, early.size(), () -> "heartbeats in the first 3 s: " + early);
        assertEquals(List.of(3000 * MS, 3500 * MS, 4000 * MS, 4500 * MS, 5000 * MS),
                heartbeats.stream().filter(t -> t >= 3000 * MS).toList());
    }

    @Test
    void aHeartbeatFromTheNeighbourBeforeAnyAnswerMakesOursDueAtOnce() {
        List<Long> heartbeats = new ArrayList<>();
        long[] clock = {0};
        SleeveLinkMonitor monitor = monitor(heartbeats, clock, () -> { });
        monitor.tick(0);
        clock[0] = 20 * MS;
        monitor.tick(20 * MS);
        assertEquals(List.of(0L), heartbeats, "the early repeat is 50 ms after the first heartbeat");

        clock[0] = 21 * MS;
        monitor.received(SleeveFormat.KIND_HEARTBEAT, control(99, 0), 0, HEARTBEAT_LENGTH, 0x0a000002, 6783, 21 * MS);
        clock[0] = 30 * MS;
        monitor.tick(30 * MS);

        assertEquals(List.of(0L, 21 * MS, 30 * MS), heartbeats,
                "our answer to theirs (21 ms), then our own heartbeat at the next tick (30 ms), not at 50 ms");
    }

    @Test
    void onlyTheFirstAnswerIsReportedAndOnceAnsweredTheirHeartbeatsNoLongerHurryOurs() {
        List<Long> heartbeats = new ArrayList<>();
        long[] clock = {0};
        int[] firstAnswers = {0};
        SleeveLinkMonitor monitor = monitor(heartbeats, clock, () -> firstAnswers[0]++);
        monitor.tick(0);
        monitor.received(SleeveFormat.KIND_HEARTBEAT_ACK, control(8, 0), 0, HEARTBEAT_LENGTH, 0x0a000002, 6783, 2 * MS);
        assertEquals(0, firstAnswers[0], "an answer to another connection's heartbeat proves nothing");

        monitor.received(SleeveFormat.KIND_HEARTBEAT_ACK, control(7, 0), 0, HEARTBEAT_LENGTH, 0x0a000002, 6783, 3 * MS);
        monitor.received(SleeveFormat.KIND_HEARTBEAT_ACK, control(7, 0), 0, HEARTBEAT_LENGTH, 0x0a000002, 6783, 4 * MS);
        assertEquals(1, firstAnswers[0]);
        assertTrue(monitor.working(4 * MS, 1000 * MS));

        clock[0] = 5 * MS;
        monitor.received(SleeveFormat.KIND_HEARTBEAT, control(99, 0), 0, HEARTBEAT_LENGTH, 0x0a000002, 6783, 5 * MS);
        for (long t = 10 * MS; t < 1000 * MS; t += 10 * MS) {
            clock[0] = t;
            monitor.tick(t);
        }
        assertEquals(List.of(0L, 5 * MS, 50 * MS), heartbeats,
                "our reply at 5 ms, the heartbeat already due at 50 ms, the next one a second after it");
    }

    /** A monitor of neighbour 10.0.0.2 for connection uid 7, started at time 0, recording its heartbeats. */
    private static SleeveLinkMonitor monitor(List<Long> heartbeats, long[] clock, Runnable firstAnswer) {
        return new SleeveLinkMonitor(new SleevePeer(2, 1, 0x0a000002, 6783, 1500, DatagramSealer.PLAIN),
                new RecordingSocket(heartbeats, clock), 7, 0, IoBuffer.allocate(65536), firstAnswer);
    }

    /** A heartbeat-sized control datagram with {@code uid} and the time field {@code micros}. */
    private static java.nio.ByteBuffer control(long uid, int micros) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(HEARTBEAT_LENGTH);
        b.putLong(SleeveFormat.HEADER, uid).putInt(SleeveFormat.HEADER + 8, 0).putInt(SleeveFormat.HEADER + 12, micros);
        return b;
    }

    /** Records when heartbeat-sized datagrams are sent; path-MTU probes (larger) are swallowed. */
    private record RecordingSocket(List<Long> heartbeats, long[] clock) implements SleeveSocket {
        @Override
        public int sendTo(IoBuffer buffer, int offset, int length, int ipv4, int port) {
            if (length == HEARTBEAT_LENGTH) {
                heartbeats.add(clock[0]);
            }
            return 0;
        }

        @Override
        public int kernelPathMtu(int ipv4) {
            return 1500;
        }

        @Override
        public int send(SendList list) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int receive(ReceiveList list) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean awaitReadable(int timeoutMillis) {
            return false;
        }

        @Override
        public void close() {
        }
    }
}
