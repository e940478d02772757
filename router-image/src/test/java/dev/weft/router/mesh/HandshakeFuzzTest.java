package dev.weft.router.mesh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.weft.router.mesh.wire.WireFormatException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;

/**
 * Coverage-guided fuzzing (Jazzer) of the connection handshake: whatever a remote end sends, the
 * handshake either goes on or fails with a {@link MeshException} naming the reason; it never throws
 * anything else, never accepts a tampered encrypted handshake, and once done, the control channel
 * opens only what the peer sealed. In {@code mvn verify} these run the seeds under
 * {@code src/test/resources/dev/weft/router/mesh/HandshakeFuzzTestInputs/}; {@code JAZZER_FUZZ=1}
 * fuzzes (see the README's "Fuzzing").
 */
class HandshakeFuzzTest {
    private static final Map<String, String> OURS = Map.of("Name", "8a:00:00:00:00:01", "UID", "1");
    private static final Map<String, String> THEIRS = Map.of("Name", "8a:00:00:00:00:02", "UID", "2");
    private static final byte[] PASSWORD = "correct horse".getBytes(StandardCharsets.UTF_8);

    /** The remote end is the fuzzer: header, encryption block and features are arbitrary bytes. */
    @FuzzTest(maxDuration = "10m")
    void anyBytesFromTheRemoteEnd(FuzzedDataProvider data) {
        boolean encrypted = data.consumeBoolean();
        int ourMax = data.consumeInt(1, 2);
        Handshake local = new Handshake(data.consumeInt(1, ourMax), ourMax, OURS,
                encrypted ? Optional.of(PASSWORD) : Optional.empty());
        local.start();
        int frames = data.consumeInt(1, 5);
        for (int i = 0; i < frames; i++) {
            byte[] frame = i < frames - 1 ? data.consumeBytes(data.consumeInt(0, 64)) : data.consumeRemainingAsBytes();
            try {
                Handshake.Step step = local.onFrame(frame);
                assertNotNull(step.send());
                if (step.result() != null) {
                    assertTrue(!encrypted, "an encrypted handshake completed with features nobody sealed");
                    assertTrue(step.result().version() >= 1 && step.result().version() <= ourMax);
                }
            } catch (MeshException e) {
                assertNotNull(e.getMessage());
                return;
            }
        }
    }

    /**
     * Two real ends (with the same password, another one, or none); the fuzzer alters one frame on
     * the way from the remote end. Unaltered, both ends agree; altered, the local end fails with a
     * reason or still sees exactly the remote's features, and its control channel opens nothing forged.
     */
    @FuzzTest(maxDuration = "10m")
    void tamperedFramesBetweenTwoRealEnds(FuzzedDataProvider data) throws Exception {
        int passwords = data.consumeInt(0, 3);
        Optional<byte[]> ours = passwords == 0 || passwords == 1 ? Optional.of(PASSWORD) : Optional.empty();
        Optional<byte[]> theirs = switch (passwords) {
            case 0 -> Optional.of(PASSWORD);
            case 1, 2 -> Optional.of("wrong".getBytes(StandardCharsets.UTF_8));
            default -> Optional.empty();
        };
        Handshake local = new Handshake(1, 2, OURS, ours);
        int remoteMax = data.consumeInt(1, 2);
        Handshake remote = new Handshake(1, remoteMax, THEIRS, theirs);
        int tamperAt = data.consumeInt(-1, 3);
        int position = data.consumeInt(0, 1 << 16);
        byte[] replacement = data.consumeBytes(data.consumeInt(0, 48));
        boolean splice = data.consumeBoolean();
        byte[] afterwards = data.consumeRemainingAsBytes();

        Deque<byte[]> toLocal = new ArrayDeque<>();
        Deque<byte[]> toRemote = new ArrayDeque<>();
        local.start().forEach(o -> toRemote.add(o.bytes()));
        remote.start().forEach(o -> toLocal.add(o.bytes()));
        Handshake.Result localResult = null;
        Handshake.Result remoteResult = null;
        boolean tampered = false;
        int fromRemote = 0;
        try {
            while (!toLocal.isEmpty() || !toRemote.isEmpty()) {
                if (!toLocal.isEmpty()) {
                    byte[] frame = toLocal.poll();
                    if (fromRemote++ == tamperAt) {
                        byte[] altered = alter(frame, position, replacement, splice);
                        tampered = !Arrays.equals(altered, frame);
                        frame = altered;
                    }
                    Handshake.Step step = local.onFrame(frame);
                    step.send().forEach(o -> toRemote.add(o.bytes()));
                    localResult = step.result() != null ? step.result() : localResult;
                }
                if (!toRemote.isEmpty()) {
                    Handshake.Step step = remote.onFrame(toRemote.poll());
                    step.send().forEach(o -> toLocal.add(o.bytes()));
                    remoteResult = step.result() != null ? step.result() : remoteResult;
                }
            }
        } catch (MeshException e) {
            assertNotNull(e.getMessage());
            boolean mustJoin = passwords == 3 || (passwords == 0 && remoteMax == 2);
            assertTrue(tampered || !mustJoin, "an untouched handshake that should join failed: " + e);
            return;
        }
        assertNotNull(localResult);
        assertEquals(ours.isPresent(), theirs.isPresent(), "a connection joined with encryption on one side only");
        if (passwords == 1) {
            fail("routers with different passwords joined");
        }
        if (ours.isEmpty()) {
            // an unencrypted handshake has no integrity: a tampered one may complete, but never as encrypted
            assertTrue(localResult.keys().isEmpty());
            if (!tampered) {
                assertEquals(THEIRS, localResult.features());
            }
            return;
        }
        assertEquals(THEIRS, localResult.features(), "features the remote end never sealed");
        assertTrue(localResult.keys().isPresent());
        assertNotNull(remoteResult);
        byte[] message = "topology".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(message, localResult.sealer().open(remoteResult.sealer().seal(message)));
        try {
            byte[] opened = localResult.sealer().open(afterwards);
            fail("a control message the peer never sealed opened (" + opened.length + " bytes)");
        } catch (WireFormatException expected) {
            assertNotNull(expected.getMessage());
        }
    }

    private static byte[] alter(byte[] frame, int position, byte[] replacement, boolean splice) {
        if (splice || frame.length == 0) {
            int at = frame.length == 0 ? 0 : position % (frame.length + 1);
            byte[] out = Arrays.copyOf(frame, at + replacement.length);
            System.arraycopy(replacement, 0, out, at, replacement.length);
            return out;
        }
        byte[] out = frame.clone();
        for (int i = 0; i < replacement.length; i++) {
            out[(position + i) % out.length] ^= replacement[i];
        }
        return out;
    }
}
