package dev.weft.router.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.identity.PeerName;
import dev.weft.weaveutil.addr.Cidr;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IpamCodecTest {
    static final PeerName A = PeerName.parse("8a:3e:3e:3e:3e:3e");
    static final PeerName B = PeerName.parse("::b");

    static IpamMessage.State richState() {
        Ring ring = Ring.dividedAmong(Cidr.parse("10.32.0.0/12"), List.of(A, B));
        ring.give(new AddressRange(ring.rangesOwnedBy(A).get(0).start() + 8, ring.rangesOwnedBy(A).get(0).start() + 16), B);
        ring.reportFree(ring.rangesOwnedBy(A).get(0).start(), 3);
        Paxos paxos = new Paxos(new Paxos.NodeId(A, -7), 2);
        paxos.propose();
        paxos.think();
        return new IpamMessage.State(A, ring, paxos.knowledge(), Map.of(A, "host1", B, "hôte-2"));
    }

    @Test
    void everyMessageRoundTrips() {
        IpamMessage.State state = richState();
        for (IpamMessage m : List.of(state, new IpamMessage.State(B, null, state.paxos(), Map.of()),
                new IpamMessage.SpaceRequest(new AddressRange(5, 9)),
                new IpamMessage.SpaceReply(new AddressRange(0, 1L << 32), true, state), new IpamMessage.RingRequest())) {
            IpamMessage back = IpamCodec.decode(IpamCodec.encode(m));
            assertEquals(m, back);
        }
    }

    @Test
    void malformedMessagesAreRefusedWithAReasonNeverACrash() {
        byte[] good = IpamCodec.encode(richState());
        assertThrows(IllegalArgumentException.class, () -> IpamCodec.decode(new byte[0]));
        assertEquals("unknown IPAM message format 9",
                assertThrows(IllegalArgumentException.class, () -> IpamCodec.decode(new byte[] {9, 1})).getMessage());
        for (int cut = 0; cut < good.length; cut += 7) {
            byte[] truncated = Arrays.copyOf(good, cut);
            assertThrows(IllegalArgumentException.class, () -> IpamCodec.decode(truncated), "cut at " + cut);
        }
        byte[] huge = ByteBuffer.allocate(2 + 6 + 1 + 4).put((byte) 1).put((byte) 1).put(new byte[6]).put((byte) 0)
                .putInt(Integer.MAX_VALUE).array();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IpamCodec.decode(huge)).getMessage()
                .startsWith("IPAM message claims 2147483647 items"));
        Random random = new Random(3);
        for (int i = 0; i < 2000; i++) {
            byte[] noisy = good.clone();
            noisy[2 + random.nextInt(noisy.length - 2)] ^= (byte) (1 << random.nextInt(8));
            try {
                IpamCodec.decode(noisy);
            } catch (IllegalArgumentException expected) {
                // a one-line reason; anything else would escape the test
            }
        }
    }
}
