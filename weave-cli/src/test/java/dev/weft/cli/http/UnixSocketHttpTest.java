package dev.weft.cli.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.cli.api.ApiResponse;
import dev.weft.cli.api.ApiUnreachableException;
import dev.weft.cli.api.HttpWeaveApi;
import dev.weft.cli.api.Params;
import dev.weft.cli.api.WeaveApi.Listener;
import dev.weft.cli.testing.CannedEngine;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The unix-socket client against a real unix socket that answers what each test scripts. */
class UnixSocketHttpTest {
    @TempDir
    Path dir;
    private ServerSocketChannel server;
    private Thread serving;
    private final List<String> requests = new ArrayList<>();

    /** Serves one connection: records the request head, sends {@code answer}, closes. */
    private Path serveOnce(String answer) throws IOException {
        Path socket = dir.resolve("api.sock");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(socket));
        serving = new Thread(() -> {
            try (SocketChannel client = server.accept()) {
                ByteBuffer in = ByteBuffer.allocate(8192);
                StringBuilder head = new StringBuilder();
                while (!head.toString().contains("\r\n\r\n") && client.read(in) > 0) {
                    in.flip();
                    head.append(StandardCharsets.US_ASCII.decode(in));
                    in.clear();
                }
                synchronized (requests) {
                    requests.add(head.toString());
                }
                client.write(ByteBuffer.wrap(answer.getBytes(StandardCharsets.UTF_8)));
            } catch (IOException e) {
                // the test sees what did not arrive
            }
        });
        serving.start();
        return socket;
    }

    @AfterEach
    void stop() throws Exception {
        if (serving != null) {
            serving.join(5000);
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void contentLengthAnswer() throws Exception {
        Path socket = serveOnce("HTTP/1.1 200 OK\r\nContent-Length: 12\r\nContent-Type: text/plain\r\n\r\nweave.local.");
        UnixSocketHttp.Answer answer = UnixSocketHttp.exchange(socket, "GET", "/domain", Map.of("Accept", "text/plain"));
        assertEquals(new UnixSocketHttp.Answer(200, "weave.local."), answer);
        serving.join(5000);
        String head = requests.get(0);
        assertEquals("GET /domain HTTP/1.1", head.lines().findFirst().orElseThrow());
        assertEquals(true, head.contains("\r\nAccept: text/plain\r\n") && head.contains("\r\nConnection: close\r\n"));
    }

    @Test
    void chunkedAnswer() throws Exception {
        Path socket = serveOnce("HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nconta\r\n12\r\niner c1 not found\n\r\n0\r\n\r\n");
        assertEquals(new UnixSocketHttp.Answer(404, "container c1 not found\n"),
                UnixSocketHttp.exchange(socket, "POST", "/weft/attach/c1", Map.of()));
    }

    @Test
    void answerEndingWithTheConnection() throws Exception {
        Path socket = serveOnce("HTTP/1.0 503 Service Unavailable\r\n\r\nstarting");
        assertEquals(new UnixSocketHttp.Answer(503, "starting"), UnixSocketHttp.exchange(socket, "GET", "/status",
                Map.of()));
    }

    @Test
    void malformedAnswerIsAnError() throws Exception {
        Path socket = serveOnce("nonsense");
        assertThrows(IOException.class, () -> UnixSocketHttp.exchange(socket, "GET", "/status", Map.of()));
    }

    @Test
    void requestBodyGoesWithItsTypeAndLength() throws Exception {
        try (CannedEngine engine = new CannedEngine(dir, request -> CannedEngine.json(201, "{\"Id\":\"c1\"}"))) {
            UnixSocketHttp.Answer answer = UnixSocketHttp.exchange(engine.socket(), new UnixSocketHttp.Request("POST",
                    "/containers/create").withBody("application/json", "{\"Image\":\"x\"}".getBytes(
                    StandardCharsets.UTF_8)), Duration.ofSeconds(5));
            assertEquals(new UnixSocketHttp.Answer(201, "{\"Id\":\"c1\"}"), answer);
            CannedEngine.Request request = engine.onlyRequest();
            assertEquals("application/json", request.headers().get("content-type"));
            assertEquals("13", request.headers().get("content-length"));
            assertEquals("{\"Image\":\"x\"}", request.bodyText());
        }
    }

    @Test
    void aCompleteAnswerEndsTheExchangeWhileTheServerKeepsTheConnection() throws Exception {
        try (CannedEngine engine = new CannedEngine(dir, request -> CannedEngine.json(200, "{}"))) {
            long start = System.nanoTime();
            assertEquals(new UnixSocketHttp.Answer(200, "{}"), UnixSocketHttp.exchange(engine.socket(),
                    new UnixSocketHttp.Request("GET", "/x"), Duration.ofSeconds(5)));
            assertTrue(System.nanoTime() - start < 2_000_000_000L);
        }
    }

    @Test
    void aServerThatNeverAnswersRunsIntoTheDeadline() throws Exception {
        try (CannedEngine engine = new CannedEngine(dir, request -> null)) {
            long start = System.nanoTime();
            SocketTimeoutException e = assertThrows(SocketTimeoutException.class, () -> UnixSocketHttp.exchange(
                    engine.socket(), new UnixSocketHttp.Request("GET", "/x"), Duration.ofMillis(200)));
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals("no answer within 200 ms", e.getMessage());
            assertTrue(elapsedMillis >= 190 && elapsedMillis < 2000, elapsedMillis + " ms");
        }
    }

    @Test
    void anInterruptEndsAnExchangeWithoutDeadline() throws Exception {
        try (CannedEngine engine = new CannedEngine(dir, request -> null)) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread waiting = new Thread(() -> {
                try {
                    UnixSocketHttp.exchange(engine.socket(), "GET", "/weft/ipam/waiting", Map.of());
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            waiting.start();
            while (engine.requests().isEmpty()) {
                Thread.sleep(5);
            }
            waiting.interrupt();
            waiting.join(2000);
            assertTrue(failure.get() instanceof ClosedByInterruptException, String.valueOf(failure.get()));
        }
    }

    @Test
    void answersAreBounded() throws Exception {
        byte[] huge = new byte[UnixSocketHttp.MAX_ANSWER_BYTES];
        try (CannedEngine engine = new CannedEngine(dir, request -> CannedEngine.answer(200, "text/plain", huge))) {
            IOException e = assertThrows(IOException.class, () -> UnixSocketHttp.exchange(engine.socket(),
                    new UnixSocketHttp.Request("GET", "/x"), Duration.ofSeconds(10)));
            assertEquals("the answer is larger than 16 MiB", e.getMessage());
        }
    }

    @Test
    void theApiClientTalksToARouterOnAUnixSocket() throws Exception {
        Path socket = serveOnce("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n10.32.0.1");
        ApiResponse response = new HttpWeaveApi("unix://" + socket, "").call(Listener.STATUS, "POST",
                "/weft/attach/c1", Params.of().add("addr", "net:10.2.0.0/16").map(), null);
        assertEquals(new ApiResponse(200, "10.32.0.1"), response);
        serving.join(5000);
        assertEquals("POST /weft/attach/c1?addr=net%3A10.2.0.0%2F16 HTTP/1.1", requests.get(0).lines().findFirst()
                .orElseThrow());
    }

    @Test
    void noRouterOnTheSocketIsUnreachable() {
        Path missing = dir.resolve("none.sock");
        ApiUnreachableException e = assertThrows(ApiUnreachableException.class,
                () -> new HttpWeaveApi(missing.toString(), "").call(Listener.CONTROL, "GET", "/status", Map.of(), null));
        assertEquals(true, e.getMessage().startsWith("cannot reach the router at " + missing + ": "), e.getMessage());
    }

    @Test
    void onlyAbsolutePathsAreSockets() {
        assertEquals(Path.of("/run/weave/api.sock"), UnixSocketHttp.socketPath("unix:///run/weave/api.sock"));
        assertEquals(Path.of("/run/weave/api.sock"), UnixSocketHttp.socketPath("/run/weave/api.sock"));
        assertNull(UnixSocketHttp.socketPath("127.0.0.1:6784"));
        assertNull(UnixSocketHttp.socketPath("unix://api.sock"));
    }
}
