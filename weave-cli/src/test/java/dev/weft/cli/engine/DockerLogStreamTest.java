package dev.weft.cli.engine;

import static dev.weft.cli.engine.UnixSocketDockerEngineTest.concat;
import static dev.weft.cli.engine.UnixSocketDockerEngineTest.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The engine's log stream: multiplexed frames or raw TTY output. */
class DockerLogStreamTest {

    private static String decode(byte[] stream) {
        return new String(DockerLogStream.decode(stream), StandardCharsets.UTF_8);
    }

    @Test
    void framesOfBothStreamsInOrder() {
        assertEquals("out\nerr\nout again\n",
                decode(concat(concat(frame(1, "out\n"), frame(2, "err\n")), frame(1, "out again\n"))));
    }

    @Test
    void aLongFrame() {
        String payload = "x".repeat(70_000) + "\n";
        assertEquals(payload, decode(frame(1, payload)));
    }

    @Test
    void aTruncatedLastFrameGivesWhatArrived() {
        byte[] stream = concat(frame(1, "whole\n"), frame(2, "cut short\n"));
        assertEquals("whole\ncut", decode(java.util.Arrays.copyOf(stream, stream.length - 7)));
    }

    @Test
    void ttyOutputIsRaw() {
        assertEquals("plain text\n", decode("plain text\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("", decode(new byte[0]));
    }
}
