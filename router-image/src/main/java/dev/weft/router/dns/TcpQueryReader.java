package dev.weft.router.dns;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * Reads the length-prefixed queries of one DNS-over-TCP connection, each within a deadline that
 * starts when the previous answer was sent: a client trickling bytes cannot hold a handler thread
 * longer than that, however it spaces them.
 */
final class TcpQueryReader {
    private final Socket socket;
    private final long deadlineMillis;
    private final DataInputStream in;
    private long deadlineNanos;

    TcpQueryReader(Socket socket, long deadlineMillis) throws IOException {
        this.socket = socket;
        this.deadlineMillis = deadlineMillis;
        this.in = new DataInputStream(new DeadlineStream(socket.getInputStream()));
    }

    /** The next query; EOFException when the client is done, SocketTimeoutException past the deadline. */
    byte[] next() throws IOException {
        deadlineNanos = System.nanoTime() + deadlineMillis * 1_000_000;
        byte[] query = new byte[in.readUnsignedShort()];
        in.readFully(query);
        return query;
    }

    private final class DeadlineStream extends InputStream {
        private final InputStream raw;

        DeadlineStream(InputStream raw) {
            this.raw = raw;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new SocketTimeoutException("query not received within " + deadlineMillis + " ms");
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
            return raw.read(b, off, len);
        }
    }
}
