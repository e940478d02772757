package dev.weft.router.mesh.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProtocolIntroCodecTest {

    @Test
    void headerIsWeaveAndTheVersionRange() throws Exception {
        byte[] header = ProtocolIntroCodec.header(1, 2);
        assertArrayEquals(new byte[] {'w', 'e', 'a', 'v', 'e', 1, 2}, header);
        assertEquals(new ProtocolIntroCodec.Header(1, 2), ProtocolIntroCodec.parseHeader(header));
    }

    @Test
    void somethingElseOnThePortIsNamed() {
        byte[] http = "GET / H".getBytes(StandardCharsets.US_ASCII);
        WireFormatException e = assertThrows(WireFormatException.class, () -> ProtocolIntroCodec.parseHeader(http));
        assertTrue(e.getMessage().startsWith("the remote end is not a weave router"), e.getMessage());
    }

    @Test
    void highestCommonVersionWins() throws Exception {
        assertEquals(2, ProtocolIntroCodec.negotiate(1, 2, new ProtocolIntroCodec.Header(1, 2)));
        assertEquals(1, ProtocolIntroCodec.negotiate(1, 2, new ProtocolIntroCodec.Header(1, 1)));
        assertEquals(2, ProtocolIntroCodec.negotiate(2, 2, new ProtocolIntroCodec.Header(1, 5)));
    }

    @Test
    void disjointRangesAreAVersionMismatchThatNamesBoth() {
        VersionMismatchException e = assertThrows(VersionMismatchException.class,
                () -> ProtocolIntroCodec.negotiate(2, 2, new ProtocolIntroCodec.Header(1, 1)));
        assertEquals("protocol version mismatch: the remote peer speaks weave 1..1, this peer 2..2"
                + " (see --min-protocol-version)", e.getMessage());
    }

    @Test
    void encryptionBlockRoundTrips() throws Exception {
        assertArrayEquals(new byte[] {0}, ProtocolIntroCodec.encryptionBlock(Optional.empty()));
        assertEquals(Optional.empty(), ProtocolIntroCodec.parseEncryptionBlock(new byte[] {0}));
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 7);
        byte[] block = ProtocolIntroCodec.encryptionBlock(Optional.of(key));
        assertEquals(33, block.length);
        assertEquals(33, ProtocolIntroCodec.encryptionBlockLength(block[0]));
        assertArrayEquals(key, ProtocolIntroCodec.parseEncryptionBlock(block).orElseThrow());
    }

    @Test
    void badEncryptionFlagIsRejected() {
        assertThrows(WireFormatException.class, () -> ProtocolIntroCodec.encryptionBlockLength(2));
        assertThrows(WireFormatException.class, () -> ProtocolIntroCodec.parseEncryptionBlock(new byte[] {1, 2}));
    }

    @Test
    void frameLengthOverTheCapIsRefusedBeforeBuffering() throws Exception {
        byte[] prefix = FrameCodec.lengthPrefix(1000);
        assertEquals(1000, FrameCodec.length(prefix[0], prefix[1], prefix[2], prefix[3], 1000));
        byte[] huge = FrameCodec.lengthPrefix(-1);
        assertThrows(WireFormatException.class,
                () -> FrameCodec.length(huge[0], huge[1], huge[2], huge[3], FrameCodec.MAX_MESSAGE_BYTES));
    }
}
