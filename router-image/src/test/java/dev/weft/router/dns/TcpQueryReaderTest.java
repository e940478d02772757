package dev.weft.router.dns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A DNS-over-TCP client must deliver each query whole within the deadline, however it spaces its bytes. */
class TcpQueryReaderTest {

    @Test
    void wholeQueriesAreReadAndATrickleIsCutOffAtTheDeadline() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket accepted = server.accept()) {
            TcpQueryReader reader = new TcpQueryReader(accepted, 600);
            OutputStream out = client.getOutputStream();
            out.write(new byte[] {0, 3, 1, 2, 3});
            assertArrayEquals(new byte[] {1, 2, 3}, reader.next());

            Thread trickler = new Thread(() -> {
                try {
                    out.write(new byte[] {0, 100});
                    for (int i = 0; i < 50; i++) {
                        Thread.sleep(100);
                        out.write(i);
                    }
                } catch (Exception e) {
                    // the reader gave up
                }
            });
            trickler.setDaemon(true);
            trickler.start();
            long started = System.nanoTime();
            assertThrows(SocketTimeoutException.class, reader::next);
            long took = System.nanoTime() - started;
            assertTrue(took < TimeUnit.MILLISECONDS.toNanos(1500), "cut off near the deadline: " + took / 1_000_000 + " ms");
        }
    }

    @Test
    void aClosedConnectionEndsTheQueries() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket accepted = server.accept()) {
            TcpQueryReader reader = new TcpQueryReader(accepted, 5000);
            client.close();
            assertThrows(EOFException.class, reader::next);
        }
    }
}
