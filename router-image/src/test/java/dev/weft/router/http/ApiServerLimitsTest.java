package dev.weft.router.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.api.ApiResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The API server bounds what a client can make it hold: sizes, time, workers, connections. */
class ApiServerLimitsTest {
    private final RouteTable routes = new RouteTable();
    private final CountDownLatch release = new CountDownLatch(1);
    private ApiServer server;

    private void start(HttpLimits limits) throws IOException {
        routes.add("GET", "/status", r -> ApiResponse.ok("status"));
        routes.add("POST", "/echo", r -> ApiResponse.ok(String.valueOf(r.params("peer").size())));
        routes.add("GET", "/block", r -> {
            release.await();
            return ApiResponse.ok("released");
        });
        server = ApiServer.start("control", new ListenAddress("127.0.0.1", 0), routes, limits);
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.close();
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.address().getPort()), 2000);
        socket.setSoTimeout(5000);
        return socket;
    }

    /** Sends raw bytes and reads until the server closes or the first answer's body is complete. */
    private String exchange(Socket socket, String request) throws IOException {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return readAnswer(socket);
    }

    private static String readAnswer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (true) {
            String text = got.toString(StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end >= 0) {
                int length = contentLength(text.substring(0, end));
                if (length >= 0 && text.length() >= end + 4 + length) {
                    return text;
                }
            }
            int n = in.read(buf);
            if (n < 0) {
                return text;
            }
            got.write(buf, 0, n);
        }
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).strip());
            }
        }
        return -1;
    }

    private static boolean closedByServer(Socket socket) throws IOException {
        try {
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    @Test
    void aBodyOverTheCapIsRefusedWith413AndSmallerOnesAreServed() throws Exception {
        start(HttpLimits.DEFAULT);
        try (Socket socket = connect()) {
            String body = "peer=a&peer=b";
            String ok = exchange(socket, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body);
            assertTrue(ok.startsWith("HTTP/1.1 200") && ok.endsWith("\r\n\r\n2"), ok);
        }
        try (Socket socket = connect()) {
            String big = "peer=x&".repeat(HttpLimits.DEFAULT.maxBodyBytes() / 7 + 10);
            String answer = exchange(socket, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: " + big.length() + "\r\n\r\n" + big);
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        }
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String chunk = "x".repeat(16 * 1024);
            String answer = null;
            for (int i = 0; i < 8 && answer == null; i++) {
                try {
                    out.write((Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n").getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    answer = readAnswer(socket);
                }
            }
            if (answer == null) {
                answer = readAnswer(socket);
            }
            assertTrue(answer.startsWith("HTTP/1.1 413"), "a chunked body is capped too: " + answer);
        }
    }

    @Test
    void overlongRequestLinesAndHeadersAreRefused() throws Exception {
        start(HttpLimits.DEFAULT);
        try (Socket socket = connect()) {
            String answer = exchange(socket, "GET /status?" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 414"), answer);
        }
        try (Socket socket = connect()) {
            String answer = exchange(socket, "GET /status HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(40_000) + "\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 431"), answer);
        }
        try (Socket socket = connect()) {
            String answer = exchange(socket, "NOT HTTP AT ALL\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 400") || answer.isEmpty(), answer);
        }
    }

    @Test
    void whenEveryWorkerIsBusyTheAnswerIs503WithTheReasonAtOnce() throws Exception {
        start(HttpLimits.DEFAULT.withWorkers(2));
        Socket first = connect();
        Socket second = connect();
        try (first; second) {
            first.getOutputStream().write("GET /block HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            second.getOutputStream().write("GET /block HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            Thread.sleep(300);
            long started = System.nanoTime();
            String answer;
            try (Socket third = connect()) {
                answer = exchange(third, "GET /status HTTP/1.1\r\nHost: x\r\n\r\n");
            }
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(2), "answered at once");
            assertTrue(answer.startsWith("HTTP/1.1 503"), answer);
            assertTrue(answer.endsWith("the router is busy: all 2 workers of its control API are answering other "
                    + "requests; try again\n"), answer);
            release.countDown();
            assertTrue(readAnswer(first).endsWith("released"));
            try (Socket fourth = connect()) {
                assertTrue(exchange(fourth, "GET /status HTTP/1.1\r\nHost: x\r\n\r\n").endsWith("status"));
            }
        }
    }

    @Test
    void aSlowlorisClientIsCutOffAtTheRequestDeadline() throws Exception {
        start(HttpLimits.DEFAULT.withRequestDeadline(Duration.ofSeconds(1)));
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /status HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            long started = System.nanoTime();
            String answer = null;
            for (int i = 0; i < 40 && answer == null; i++) {
                try {
                    out.write('X');
                    out.flush();
                    Thread.sleep(100);
                } catch (IOException e) {
                    break;
                }
                if (socket.getInputStream().available() > 0) {
                    answer = readAnswer(socket);
                }
            }
            if (answer == null) {
                answer = readAnswer(socket);
            }
            assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(3), "cut off near the deadline");
            assertTrue(closedByServer(socket));
        }
    }

    @Test
    void anIdleConnectionIsClosedAndAKeptAliveOneServesSeveralRequests() throws Exception {
        start(HttpLimits.DEFAULT.withIdleTimeout(Duration.ofMillis(800)));
        try (Socket socket = connect()) {
            for (int i = 0; i < 3; i++) {
                assertTrue(exchange(socket, "GET /status HTTP/1.1\r\nHost: x\r\n\r\n").endsWith("status"));
            }
            Thread.sleep(1500);
            assertTrue(closedByServer(socket));
        }
    }

    @Test
    void connectionsBeyondTheLimitAreClosedAtOnce() throws Exception {
        start(HttpLimits.DEFAULT.withMaxConnections(3));
        Socket[] held = {connect(), connect(), connect()};
        try {
            Thread.sleep(200);
            try (Socket extra = connect()) {
                assertTrue(closedByServer(extra));
            }
            held[0].close();
            Thread.sleep(200);
            try (Socket again = connect()) {
                assertTrue(exchange(again, "GET /status HTTP/1.1\r\nHost: x\r\n\r\n").endsWith("status"));
            }
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void aRequestCutShortNeverReachesItsHandler() throws Exception {
        java.util.concurrent.atomic.AtomicInteger reached = new java.util.concurrent.atomic.AtomicInteger();
        routes.add("DELETE", "/peer", r -> {
            reached.incrementAndGet();
            return ApiResponse.noContent();
        });
        start(HttpLimits.DEFAULT);
        try (Socket socket = connect()) {
            socket.getOutputStream().write(("DELETE /peer HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: 50\r\n\r\npeer=a").getBytes(StandardCharsets.US_ASCII));
            socket.shutdownOutput();
            String answer = readAnswer(socket);
            assertTrue(answer.isEmpty() || answer.startsWith("HTTP/1.1 400"), answer);
        }
        try (Socket socket = connect()) {
            socket.getOutputStream().write(("DELETE /peer HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\npeer=").getBytes(StandardCharsets.US_ASCII));
            socket.shutdownOutput();
            readAnswer(socket);
        }
        try (Socket socket = connect()) {
            String answer = exchange(socket, "DELETE /peer?x=%zz HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        }
        try (Socket socket = connect()) {
            String answer = exchange(socket, "DELETE /peer HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 400") || answer.isEmpty(), answer);
        }
        try (Socket socket = connect()) {
            String answer = exchange(socket, "DELETE /peer HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd");
            assertTrue(answer.startsWith("HTTP/1.1 400") || answer.isEmpty(), answer);
        }
        try (Socket socket = connect()) {
            String answer = exchange(socket, "DELETE /peer HTTP/7.3\r\nHost: x\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 505"), answer);
        }
        try (Socket socket = connect()) {
            String answer = exchange(socket, "DELETE /peer?x=a\u0000b HTTP/1.1\r\nHost: \u0001\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 400") || answer.isEmpty(), answer);
        }
        Thread.sleep(300);
        assertEquals(0, reached.get());
    }

    @Test
    void pipelinedRequestsAreAllAnsweredInOrderWithoutReadingAheadWithoutBound() throws Exception {
        start(HttpLimits.DEFAULT);
        try (Socket socket = connect()) {
            int n = 40;
            StringBuilder requests = new StringBuilder();
            for (int i = 0; i < n; i++) {
                requests.append("POST /echo?peer=").append(i).append(" HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
            }
            socket.getOutputStream().write(requests.toString().getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            while (got.toString(StandardCharsets.ISO_8859_1).split("HTTP/1.1 200", -1).length - 1 < n) {
                int read = in.read(buf);
                assertTrue(read > 0, "closed after " + got.toString(StandardCharsets.ISO_8859_1));
                got.write(buf, 0, read);
            }
            String all = got.toString(StandardCharsets.ISO_8859_1);
            assertEquals(n, all.split("\r\n\r\n1", -1).length - 1, all);
        }
    }

    @Test
    void aHandlerLearnsThatItsClientWentAway() throws Exception {
        CountDownLatch gone = new CountDownLatch(1);
        routes.add("GET", "/wait", r -> {
            r.onClientGone(gone::countDown);
            release.await();
            return ApiResponse.ok("late");
        });
        start(HttpLimits.DEFAULT);
        Socket socket = connect();
        socket.getOutputStream().write("GET /wait HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        Thread.sleep(200);
        assertEquals(1, gone.getCount());
        socket.close();
        assertTrue(gone.await(3, TimeUnit.SECONDS), "closing the connection reaches the handler");
    }
}
