package dev.weft.cli.engine;

import java.io.ByteArrayOutputStream;

/**
 * Decodes what {@code GET /containers/{id}/logs} answers: for a container without a TTY, Docker's
 * multiplexed stream (frames of an 8-byte header: stream type 0-2, three zero bytes, big-endian
 * uint32 length; then the payload); with a TTY, the raw output. Like docker-java, it tells them apart
 * by the first header, since older engines label both {@code application/vnd.docker.raw-stream}.
 */
final class DockerLogStream {
    private static final int HEADER = 8;

    private DockerLogStream() {
    }

    /** The payloads of all frames (stdout and stderr in the order written), or the raw bytes. */
    static byte[] decode(byte[] stream) {
        if (!startsWithHeader(stream, 0)) {
            return stream;
        }
        ByteArrayOutputStream payloads = new ByteArrayOutputStream(stream.length);
        int at = 0;
        while (at + HEADER <= stream.length && startsWithHeader(stream, at)) {
            long length = ((stream[at + 4] & 0xffL) << 24) | ((stream[at + 5] & 0xff) << 16)
                    | ((stream[at + 6] & 0xff) << 8) | (stream[at + 7] & 0xff);
            int start = at + HEADER;
            int end = (int) Math.min(stream.length, start + length);
            payloads.write(stream, start, end - start);
            at = end;
        }
        return payloads.toByteArray();
    }

    private static boolean startsWithHeader(byte[] stream, int at) {
        return stream.length - at >= HEADER && stream[at] >= 0 && stream[at] <= 2
                && stream[at + 1] == 0 && stream[at + 2] == 0 && stream[at + 3] == 0;
    }
}
