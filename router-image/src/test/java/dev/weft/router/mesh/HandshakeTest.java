package dev.weft.router.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.mesh.wire.ProtocolIntroCodec;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HandshakeTest {

    private static final Map<String, String> A = Map.of("Name", "a");
    private static final Map<String, String> B = Map.of("Name", "b");

    /** Runs two handshakes against each other; returns their results (a, b). */
    private static Handshake.Result[] run(Handshake a, Handshake b) throws MeshException {
        Deque<byte[]> toA = new ArrayDeque<>();
        Deque<byte[]> toB = new ArrayDeque<>();
        a.start().forEach(o -> toB.add(o.bytes()));
        b.start().forEach(o -> toA.add(o.bytes()));
        Handshake.Result[] results = new Handshake.Result[2];
        while (!toA.isEmpty() || !toB.isEmpty()) {
            if (!toA.isEmpty()) {
                Handshake.Step step = a.onFrame(toA.poll());
                step.send().forEach(o -> toB.add(o.bytes()));
                results[0] = step.result() != null ? step.result() : results[0];
            }
            if (!toB.isEmpty()) {
                Handshake.Step step = b.onFrame(toB.poll());
                step.send().forEach(o -> toA.add(o.bytes()));
                results[1] = step.result() != null ? step.result() : results[1];
            }
        }
        return results;
    }

    @Test
    void bothEndsAgreeOnVersionTwoAndSwapFeatures() throws Exception {
        Handshake.Result[] r = run(new Handshake(1, 2, A), new Handshake(1, 2, B));
        assertNotNull(r[0]);
        assertEquals(2, r[0].version());
        assertEquals(B, r[0].features());
        assertEquals(A, r[1].features());
    }

    @Test
    void aPeerLimitedToVersionOneGetsVersionOneWithoutTheEncryptionBlock() throws Exception {
        Handshake.Result[] r = run(new Handshake(1, 2, A), new Handshake(1, 1, B));
        assertEquals(1, r[0].version());
        assertEquals(1, r[1].version());
        assertEquals(B, r[0].features());
    }

    @Test
    void disjointVersionsFailWithBothRanges() {
        MeshException e = assertThrows(MeshException.class, () -> run(new Handshake(2, 2, A), new Handshake(1, 1, B)));
        assertTrue(e.getMessage().startsWith("protocol version mismatch"), e.getMessage());
        assertTrue(e.failure().retry());
    }

    @Test
    void aPeerAskingForEncryptionIsToldThisOneHasNoPassword() throws Exception {
        Handshake ours = new Handshake(1, 2, A);
        ours.start();
        ours.onFrame(ProtocolIntroCodec.header(1, 2));
        MeshException e = assertThrows(MeshException.class,
                () -> ours.onFrame(ProtocolIntroCodec.encryptionBlock(Optional.of(new byte[32]))));
        assertTrue(e.getMessage().startsWith("no password specificed, but peer requested an encrypted connection"));
    }

    @Test
    void garbageInsteadOfAHeaderIsNamed() {
        Handshake ours = new Handshake(1, 2, A);
        ours.start();
        MeshException e = assertThrows(MeshException.class, () -> ours.onFrame("SSH-2.0".getBytes()));
        assertTrue(e.getMessage().startsWith("the remote end is not a weave router"), e.getMessage());
    }

    @Test
    void remoteIdentityNeedsTheOriginalsFields() throws Exception {
        Map<String, String> good = Map.of("PeerNameFlavour", "mac", "Name", "8a:00:00:00:00:01", "NickName", "h1",
                "UID", "18446744073709551615", "ConnID", "5", "ShortID", "4095", "Trusted", "true");
        RemoteIdentity id = RemoteIdentity.parse(good);
        assertEquals(-1L, id.uid());
        assertEquals(4095, id.shortId());
        assertTrue(id.trusts());
        for (Map<String, String> bad : List.of(Map.of("Name", "x"),
                with(good, "PeerNameFlavour", "hash"), with(good, "ShortID", "4096"), with(good, "UID", "0"),
                with(good, "Name", "not-a-mac"), with(good, "Trusted", "yes"), with(good, "ConnID", "-1"))) {
            MeshException e = assertThrows(MeshException.class, () -> RemoteIdentity.parse(bad), bad.toString());
            assertTrue(e.getMessage().startsWith("bad handshake from the remote peer: "), e.getMessage());
        }
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> copy = new java.util.HashMap<>(base);
        copy.put(key, value);
        return copy;
    }
}
