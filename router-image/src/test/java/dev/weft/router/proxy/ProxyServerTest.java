package dev.weft.router.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The proxy as a transport: a scripted engine on one unix socket, a raw client on the proxy's. */
@Timeout(30)
class ProxyServerTest {
    @TempDir
    Path dir;
    private FakeEngine engine;
    private ProxyServer proxy;

    private Path start(FakeEngine.Script script, Interceptor interceptor) throws IOException {
        engine = new FakeEngine(dir.resolve("engine.sock"), script);
        Files.setPosixFilePermissions(dir.resolve("engine.sock"), PosixFilePermissions.fromString("rw-rw----"));
        Path socket = dir.resolve("proxy.sock");
        Endpoint at = Endpoint.parse("unix://" + socket);
        proxy = ProxyServer.start(List.of(new ProxyServer.Listen(at, at)), engine.endpoint(), interceptor,
                null, new ProxyLimits(1024, Duration.ofMinutes(1), Duration.ofSeconds(2)), dir.resolve("engine.sock"), 1);
        return socket;
    }

    @Test
    void theSocketGetsTheEngineSocketsMode() throws Exception {
        Path socket = start(conn -> { }, Interceptor.NONE);
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
        assertEquals(List.of("unix://" + socket), proxy.addresses());
    }

    @AfterEach
    void stop() throws IOException {
        if (proxy != null) {
            proxy.close();
        }
        if (engine != null) {
            engine.close();
            assertEquals(List.of(), engine.failures());
        }
    }

    @Test
    void requestsOnOneConnectionGoToTheEngineInTurn() throws Exception {
        Path socket = start(conn -> {
            for (int i = 1; i <= 3; i++) {
                String head = conn.readHead();
                assertTrue(head.startsWith("GET /v1.41/_ping?n=" + i + " HTTP/1.1\r\n"), head);
                conn.write("HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Length: 2\r\n\r\nOK");
            }
        }, Interceptor.NONE);
        try (RawClient c = new RawClient(socket)) {
            for (int i = 1; i <= 3; i++) {
                c.send("GET /v1.41/_ping?n=" + i + " HTTP/1.1\r\nHost: docker\r\n\r\n");
                String[] r = c.readResponse();
                assertTrue(r[0].startsWith("HTTP/1.1 200 OK\r\n"), r[0]);
                assertTrue(r[0].contains("Api-Version: 1.41\r\n"), r[0]);
                assertEquals("OK", r[1]);
            }
        }
        assertEquals(1, engine.connections.get());
    }

    @Test
    void chunkedAnswersStreamAsTheyCome() throws Exception {
        CountDownLatch firstSeen = new CountDownLatch(1);
        Path socket = start(conn -> {
            conn.readHead();
            conn.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nfirst\r\n");
            assertTrue(firstSeen.await(10, TimeUnit.SECONDS), "the first event never reached the client");
            conn.write("6\r\nsecond\r\n0\r\n\r\n");
        }, Interceptor.NONE);
        try (RawClient c = new RawClient(socket)) {
            c.send("GET /events HTTP/1.1\r\nHost: docker\r\n\r\n");
            String head = c.readHead();
            assertTrue(head.contains("Transfer-Encoding: chunked"), head);
            assertEquals("5\r\nfirst\r\n", c.readString(10));
            firstSeen.countDown();
            assertEquals("6\r\nsecond\r\n0\r\n\r\n", c.readString(16));
        }
    }

    @Test
    void aSmallPieceAfterABulkStreamStillArrivesWithoutWaitingForMore() throws Exception {
        CountDownLatch tailSeen = new CountDownLatch(1);
        int piece = 32 << 10;
        int pieces = 64;   // 2 MiB: past the point where the proxy paces its reads
        Path socket = start(conn -> {
            conn.readHead();
            conn.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
            byte[] bytes = new byte[piece];
            for (int i = 0; i < pieces; i++) {
                conn.write(Integer.toHexString(piece) + "\r\n");
                conn.out.write(bytes);
                conn.write("\r\n");
            }
            conn.write("4\r\ntail\r\n");
            assertTrue(tailSeen.await(10, TimeUnit.SECONDS), "the last small piece never reached the client");
            conn.write("0\r\n\r\n");
        }, Interceptor.NONE);
        try (RawClient c = new RawClient(socket)) {
            c.send("GET /containers/c/logs?follow=1 HTTP/1.1\r\nHost: docker\r\n\r\n");
            c.readHead();
            long expected = (long) piece * pieces + 4;
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            long body = 0;
            while (body < expected) {   // the proxy may cut the engine's chunks differently
                int n = Integer.parseInt(c.readLine().strip(), 16);
                assertTrue(n > 0, "the body ended after " + body + " bytes");
                received.write(c.in.readNBytes(n));
                body += n;
                assertEquals("\r\n", c.readString(2));
            }
            assertEquals(expected, body);
            assertTrue(received.toString(StandardCharsets.ISO_8859_1).endsWith("tail"));
            tailSeen.countDown();
            assertEquals("0\r\n\r\n", c.readString(5));
        }
    }

    @Test
    void largeBodiesStreamBothWays() throws Exception {
        int size = 48 << 20;
        byte[] data = new byte[size];
        new Random(7).nextBytes(data);
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        Path socket = start(conn -> {
            conn.readHead();
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long total = 0;
            while (true) {   // chunked upload: size line, bytes, CRLF
                StringBuilder line = new StringBuilder();
                int b;
                while ((b = conn.in.read()) != '\n') {
                    line.append((char) b);
                }
                int n = Integer.parseInt(line.toString().strip(), 16);
                if (n == 0) {
                    conn.readExactly(2);
                    break;
                }
                sha.update(conn.readExactly(n));
                total += n;
                conn.readExactly(2);
            }
            String got = HexFormat.of().formatHex(sha.digest());
            conn.write("HTTP/1.1 200 OK\r\nContent-Length: " + (size + 0) + "\r\nX-Got: " + total + " " + got + "\r\n\r\n");
            conn.out.write(data);
            conn.out.flush();
        }, Interceptor.NONE);
        try (RawClient c = new RawClient(socket)) {
            c.send("POST /build HTTP/1.1\r\nHost: docker\r\nTransfer-Encoding: chunked\r\n\r\n");
            for (int off = 0; off < size; off += 1 << 20) {
                c.send(Integer.toHexString(1 << 20) + "\r\n");
                c.out.write(data, off, 1 << 20);
                c.send("\r\n");
            }
            c.send("0\r\n\r\n");
            String head = c.readHead();
            assertTrue(head.contains("X-Got: " + size + " " + digest + "\r\n"), head);
            byte[] back = c.in.readNBytes(size);
            assertEquals(digest, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(back)));
        }
    }

    @Test
    void anUpgradedConnectionCarriesRawBytesBothWaysWithHalfClose() throws Exception {
        Path socket = start(conn -> {
            String head = conn.readHead();
            assertTrue(head.startsWith("POST /v1.41/containers/c1/attach?stream=1&stdin=1 HTTP/1.1\r\n"), head);
            assertTrue(head.contains("Upgrade: tcp\r\n"), head);
            conn.write("HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\n"
                    + "Connection: Upgrade\r\nUpgrade: tcp\r\n\r\nhello ");
            byte[] stdin = conn.readToEnd();   // until the client half-closes
            conn.write("you said: " + new String(stdin, StandardCharsets.ISO_8859_1));
            conn.shutdownOutput();
        }, Interceptor.NONE);
        try (RawClient c = new RawClient(socket)) {
            c.send("POST /v1.41/containers/c1/attach?stream=1&stdin=1 HTTP/1.1\r\nHost: docker\r\n"
                    + "Connection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: 0\r\n\r\n");
            String head = c.readHead();
            assertTrue(head.startsWith("HTTP/1.1 101 UPGRADED\r\n"), head);
            assertEquals("hello ", c.readString(6));
            c.send("ls -l\nexit 3\n");
            c.channel.shutdownOutput();
            assertEquals("you said: ls -l\nexit 3\n", c.readToEnd());
        }
    }

    @Test
    void aRawStreamAnswerWithoutUpgradeIsTakenOverToo() throws Exception {
        Path socket = start(conn -> {
            conn.readHead();
            conn.readExactly(2);
            conn.write("HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.multiplexed-stream\r\n\r\n");
            byte[] in = conn.readExactly(4);
            conn.write("echo:" + new String(in, StandardCharsets.ISO_8859_1));
        }, Interceptor.NONE);
        try (RawClient c = new RawClient(socket)) {
            c.send("POST /exec/e1/start HTTP/1.1\r\nHost: docker\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 2\r\n\r\n{}");
            assertTrue(c.readHead().startsWith("HTTP/1.1 200 OK\r\n"));
            c.send("ping");
            assertEquals("echo:ping", c.readToEnd());
        }
    }

    @Test
    void anUnreachableEngineIsABadGateway() throws Exception {
        Path socket = start(conn -> { }, Interceptor.NONE);
        engine.close();
        try (RawClient c = new RawClient(socket)) {
            c.send("GET /_ping HTTP/1.1\r\nHost: docker\r\n\r\n");
            String[] r = c.readResponse();
            assertTrue(r[0].startsWith("HTTP/1.1 502 Bad Gateway\r\n"), r[0]);
            assertTrue(r[1].startsWith("{\"message\":\"cannot reach the Docker engine at unix://"), r[1]);
        }
    }

    @Test
    void malformedRequestsAreRefused() throws Exception {
        Path socket = start(conn -> { }, Interceptor.NONE);
        try (RawClient c = new RawClient(socket)) {
            c.send("GET /_ping HTTP/1.1\r\nContent-Length: x\r\n\r\n");
            assertTrue(c.readResponse()[0].startsWith("HTTP/1.1 400 Bad Request\r\n"));
        }
    }

    /** Upper-cases create bodies, refuses a create named "bad", holds start answers until released. */
    private static final class TestInterceptor implements Interceptor {
        final CompletableFuture<byte[]> startDone = new CompletableFuture<>();

        @Override
        public boolean rewritesRequest(ApiCall call) {
            return call.kind() == ApiCall.Kind.CREATE_CONTAINER;
        }

        @Override
        public CompletionStage<byte[]> rewriteRequest(ApiCall call, String uri, byte[] body) {
            if (uri.contains("name=bad")) {
                return CompletableFuture.failedFuture(ProxyException.badRequest("WEAVE_CIDR=\"x\": invalid"));
            }
            return CompletableFuture.completedFuture(new String(body, StandardCharsets.UTF_8).toUpperCase()
                    .getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public boolean holdsResponse(ApiCall call, int status) {
            return call.kind() == ApiCall.Kind.START_CONTAINER && status / 100 == 2;
        }

        @Override
        public CompletionStage<byte[]> rewriteResponse(ApiCall call, int status, byte[] body) {
            return startDone;
        }
    }

    @Test
    void interceptedCallsAreRewrittenHeldAndRefused() throws Exception {
        TestInterceptor interceptor = new TestInterceptor();
        ByteArrayOutputStream engineSaw = new ByteArrayOutputStream();
        Path socket = start(conn -> {
            String head;
            while ((head = conn.readHead()) != null) {
                int length = 0;
                for (String line : head.split("\r\n")) {
                    if (line.toLowerCase().startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).strip());
                    }
                }
                synchronized (engineSaw) {
                    engineSaw.write(head.split("\r\n")[0].getBytes(StandardCharsets.ISO_8859_1));
                    engineSaw.write(' ');
                    engineSaw.write(conn.readExactly(length));
                    engineSaw.write('\n');
                }
                conn.write(head.contains("/start") ? "HTTP/1.1 204 No Content\r\n\r\n"
                        : "HTTP/1.1 201 Created\r\nContent-Length: 9\r\n\r\n{\"Id\":1}\n");
            }
        }, interceptor);
        try (RawClient c = new RawClient(socket)) {
            c.send("POST /containers/create?name=bad HTTP/1.1\r\nHost: d\r\nContent-Length: 2\r\n\r\n{}");
            String[] refused = c.readResponse();
            assertTrue(refused[0].startsWith("HTTP/1.1 400 Bad Request\r\n"), refused[0]);
            assertEquals("{\"message\":\"WEAVE_CIDR=\\\"x\\\": invalid\"}\n", refused[1]);

            c.send("POST /containers/create?name=ok HTTP/1.1\r\nHost: d\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\n{\"a\":\r\n4\r\n\"b\"}\r\n0\r\n\r\n");
            assertEquals("{\"Id\":1}\n", c.readResponse()[1]);

            c.send("POST /containers/c1/start HTTP/1.1\r\nHost: d\r\nContent-Length: 0\r\n\r\n");
            c.channel.configureBlocking(true);
            Thread.sleep(300);
            assertEquals(0, c.in.available(), "the start answer was not held");
            interceptor.startDone.complete(new byte[0]);
            assertTrue(c.readHead().startsWith("HTTP/1.1 204 No Content\r\n"));
        }
        assertEquals("POST /containers/create?name=ok HTTP/1.1 {\"A\":\"B\"}\nPOST /containers/c1/start HTTP/1.1 \n",
                engineSaw.toString(StandardCharsets.ISO_8859_1));
    }

    @Test
    void aHeldAnswerThatFailsBecomesTheError() throws Exception {
        TestInterceptor interceptor = new TestInterceptor();
        interceptor.startDone.completeExceptionally(new ProxyException(500, "attach c1: no address"));
        Path socket = start(conn -> {
            conn.readHead();
            conn.write("HTTP/1.1 204 No Content\r\n\r\n");
            conn.readToEnd();
        }, interceptor);
        try (RawClient c = new RawClient(socket)) {
            c.send("POST /v1.41/containers/c1/start HTTP/1.1\r\nHost: d\r\n\r\n");
            String[] r = c.readResponse();
            assertTrue(r[0].startsWith("HTTP/1.1 500 Internal Server Error\r\n"), r[0]);
            assertEquals("{\"message\":\"attach c1: no address\"}\n", r[1]);
        }
    }

    @Test
    void aBodyTooLargeToHoldIsRefusedAndTheConnectionClosed() throws Exception {
        Path socket = start(conn -> conn.readToEnd(), new TestInterceptor());
        try (RawClient c = new RawClient(socket)) {
            c.send("POST /containers/create HTTP/1.1\r\nHost: d\r\nContent-Length: 5000\r\n\r\n" + "x".repeat(5000));
            String[] r = c.readResponse();
            assertTrue(r[0].startsWith("HTTP/1.1 413 Request Entity Too Large\r\n"), r[0]);
            assertEquals("", c.readToEnd());
        }
    }
}
