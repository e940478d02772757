package dev.weft.router.dataplane.sleeve;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        SleeveLinkMonitor monitor = new SleeveLinkMonitor(new SleevePeer(2, 1, 0x0a000002, 6783, 1500,
                DatagramSealer.PLAIN), new RecordingSocket(heartbeats, clock), 7, 0, IoBuffer.allocate(65536));

        for (long t = 0; t <= 5000 * MS; t += 10 * MS) {
            clock[0] = t;
            monitor.tick(t);
        }

        List<Long> early = heartbeats.stream().filter(t -> t < 3000 * MS).toList();
        assertEquals(60, early.size(), () -> "heartbeats in the first 3 s: " + early);
        assertEquals(List.of(3000 * MS, 3500 * MS, 4000 * MS, 4500 * MS, 5000 * MS),
                heartbeats.stream().filter(t -> t >= 3000 * MS).toList());
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
