package dev.weft.router.dataplane.sleeve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.weft.router.dataplane.lab.StaticMesh;
import dev.weft.router.dataplane.wire.AeadDatagramSealer;
import dev.weft.router.dataplane.wire.DatagramSealer;
import dev.weft.router.dataplane.wire.SleeveFormat;
import dev.weft.router.identity.PeerName;
import dev.weft.weaveutil.jna.ReceiveList;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Coverage-guided fuzzing (Jazzer) of the encrypted sleeve's receive path, as the receive loop runs
 * it: datagrams are opened (AES-GCM, replay window), their frame records decoded, frames delivered
 * or re-sealed for the next hop. The fuzzer sends arbitrary datagrams, datagrams the neighbour
 * really sealed (any kind, sequence and body), replays and tampered copies of those. Invariants: the
 * receive path never throws; exactly the genuine, not yet seen, not too old datagrams open (checked
 * against a model of the replay window); nothing reaches the bridge unless a genuine datagram
 * carried it. Topology: B - A - C, A receiving.
 */
class SleeveReceiverFuzzTest {
    private static final PeerName A = PeerName.parse("8a:00:00:00:00:0a");
    private static final PeerName B = PeerName.parse("8a:00:00:00:00:0b");
    private static final PeerName C = PeerName.parse("8a:00:00:00:00:0c");
    private static final int IP_B = 0x0a00000b;
    private static final byte[] SECRET_AB = secret(1);
    private static final byte[] SECRET_AC = secret(2);
    private static final int WINDOW = 1024;

    private static final FakeNet NET = new FakeNet();
    private static final FakeNet.Tap TAP = new FakeNet.Tap();
    private static final Swappable FROM_B = new Swappable();
    private static final Swappable TO_C = new Swappable();
    private static final SleevePeer PEER_B = new SleevePeer(B.value(), A.value(), IP_B, 6783, 1500, FROM_B);
    private static final SleevePeer PEER_C = new SleevePeer(C.value(), A.value(), 0x0a00000c, 6783, 1500, TO_C);
    private static final SleeveStats STATS = new SleeveStats();
    private static final SleeveReceiver RECEIVER;
    private static final ReceiveList LIST = new ReceiveList(1, 65536);

    static {
        StaticMesh mesh = new StaticMesh(A, List.of(A, B, C));
        mesh.link(A, B);
        mesh.link(A, C);
        ForwardingTable table = ForwardingTable.build(A.value(), List.of(PEER_B, PEER_C), mesh, mesh.reachablePeers());
        NET.socket(0x0a00000c);
        RECEIVER = new SleeveReceiver(A.value(), NET.socket(0x0a00000a), TAP, new MacTable(60_000_000_000L),
                () -> table, new FrameEmitter(A.value(), NET.socket(0x0a00000a), STATS, p -> { }), STATS,
                (from, kind, b, at, length, ip, port) -> { });
    }

    /** A neighbour's sealer that each fuzz run replaces, so every run starts with a fresh replay window. */
    private static final class Swappable implements DatagramSealer {
        volatile DatagramSealer current = DatagramSealer.PLAIN;

        @Override
        public int overhead() {
            return current.overhead();
        }

        @Override
        public int headerFlags() {
            return current.headerFlags();
        }

        @Override
        public int seal(ByteBuffer b, int offset, int length) {
            return current.seal(b, offset, length);
        }

        @Override
        public int open(ByteBuffer b, int offset, int length) {
            return current.open(b, offset, length);
        }
    }

    private static byte[] secret(int seed) {
        byte[] s = new byte[32];
        Arrays.fill(s, (byte) seed);
        return s;
    }

    @FuzzTest(maxDuration = "10m")
    void datagramsFromANeighbour(FuzzedDataProvider data) {
        FROM_B.current = new AeadDatagramSealer(SECRET_AB, A.value(), B.value());
        TO_C.current = new AeadDatagramSealer(SECRET_AC, A.value(), C.value());
        AeadDatagramSealer bSends = new AeadDatagramSealer(SECRET_AB, B.value(), A.value());
        TAP.toBridge.clear();
        long receivedBefore = PEER_B.datagramsReceived.sum();

        List<byte[]> genuine = new ArrayList<>();
        Set<Long> accepted = new HashSet<>();
        Set<Long> sealed = new HashSet<>();
        long highest = -1;
        long expectedOpened = 0;
        long nextSequence = 0;
        int steps = data.consumeInt(1, 24);
        for (int i = 0; i < steps && data.remainingBytes() > 0; i++) {
            byte[] datagram;
            long sequence = -1;
            switch (data.consumeInt(0, 3)) {
                case 0 -> {
                    datagram = data.consumeBytes(data.consumeInt(0, 2048));
                    if (datagram.length >= 6 && data.consumeBoolean()) {
                        SleeveFormat.putName(ByteBuffer.wrap(datagram), 0, B.value());
                    }
                }
                case 1 -> {
                    sequence = data.consumeBoolean() ? nextSequence++ : data.consumeLong(0, Long.MAX_VALUE);
                    if (!sealed.add(sequence)) {
                        continue; // a sender never seals two datagrams with one sequence (the nonce)
                    }
                    int kind = data.consumeInt(0, 7);
                    byte[] body = data.consumeBytes(data.consumeInt(0, 4000));
                    datagram = seal(bSends, kind, sequence, body);
                    genuine.add(datagram);
                }
                case 2 -> {
                    if (genuine.isEmpty()) {
                        continue;
                    }
                    datagram = genuine.get(data.consumeInt(0, genuine.size() - 1));
                    sequence = SleeveFormat.sequence(ByteBuffer.wrap(datagram), 0);
                }
                default -> {
                    if (genuine.isEmpty()) {
                        continue;
                    }
                    datagram = genuine.get(data.consumeInt(0, genuine.size() - 1)).clone();
                    int at = data.consumeInt(0, datagram.length - 1);
                    byte flip = data.consumeByte();
                    datagram[at] ^= flip == 0 ? 1 : flip;
                }
            }
            if (sequence >= 0 && sequence > highest - WINDOW && accepted.add(sequence)) {
                expectedOpened++;
                highest = Math.max(highest, sequence);
            }
            receive(datagram);
        }
        long opened = PEER_B.datagramsReceived.sum() - receivedBefore;
        assertEquals(expectedOpened, opened, "datagrams opened: only genuine ones, each once, none too old");
        if (expectedOpened == 0) {
            assertEquals(0, TAP.toBridge.size(), "frames reached the bridge without a genuine datagram");
        }
    }

    private static byte[] seal(AeadDatagramSealer sealer, int kind, long sequence, byte[] body) {
        int length = SleeveFormat.HEADER + body.length;
        ByteBuffer b = ByteBuffer.allocate(length + sealer.overhead());
        SleeveFormat.writeHeader(b, 0, B.value(), kind, sealer.headerFlags(), sequence);
        b.put(SleeveFormat.HEADER, body);
        int sealed = sealer.seal(b, 0, length);
        return Arrays.copyOf(b.array(), sealed);
    }

    private static void receive(byte[] datagram) {
        LIST.fill(0, ByteBuffer.wrap(datagram), 0, datagram.length, 0, IP_B, 6783);
        LIST.finishFill(1);
        RECEIVER.handle(LIST, 1, System.nanoTime());
    }
}
