package dev.weft.router.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The proxy on TCP with TLS: certificates from files, client certificates required with --tlsverify. */
@Timeout(30)
class ProxyTlsTest {
    private static SelfSignedCertificate server;
    private static SelfSignedCertificate client;
    private static SelfSignedCertificate stranger;
    @TempDir
    Path dir;
    private FakeEngine engine;
    private ProxyServer proxy;

    @BeforeAll
    static void certificates() throws Exception {
        server = new SelfSignedCertificate("localhost");
        client = new SelfSignedCertificate("client");
        stranger = new SelfSignedCertificate("stranger");
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

    private int start(FakeEngine.Script script, boolean verify) throws IOException {
        engine = new FakeEngine(dir.resolve("engine.sock"), script);
        ProxyTls tls = new ProxyTls(true, verify, client.certificate().toPath(), server.certificate().toPath(),
                server.privateKey().toPath());
        Endpoint at = new Endpoint("tcp://127.0.0.1:0", false, null, "127.0.0.1", 0);
        proxy = ProxyServer.start(List.of(new ProxyServer.Listen(at, at)), engine.endpoint(), Interceptor.NONE,
                tls.serverContext(), new ProxyLimits(1024, Duration.ofMinutes(1), Duration.ofSeconds(2)), null, 1);
        return proxy.boundPort(0);
    }

    private static SSLSocket connect(int port, SelfSignedCertificate as) throws Exception {
        SslContextBuilder b = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                .trustManager(server.certificate());
        if (as != null) {
            b.keyManager(as.certificate(), as.privateKey());
        }
        JdkSslContext context = (JdkSslContext) b.build();
        SSLSocket socket = (SSLSocket) context.context().getSocketFactory().createSocket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        socket.startHandshake();
        return socket;
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("end of stream in a head");
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aClientWithACertificateSignedByTheCaIsServed() throws Exception {
        int port = start(conn -> {
            conn.readHead();
            conn.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK");
        }, true);
        try (SSLSocket s = connect(port, client)) {
            s.getOutputStream().write("GET /_ping HTTP/1.1\r\nHost: d\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertTrue(readHead(s.getInputStream()).startsWith("HTTP/1.1 200 OK\r\n"));
            assertEquals("OK", new String(s.getInputStream().readNBytes(2), StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void withoutAClientCertificateOrWithAnUnknownOneTheHandshakeFails() throws Exception {
        int port = start(conn -> conn.readToEnd(), true);
        assertThrows(IOException.class, () -> {
            try (SSLSocket s = connect(port, null)) {
                s.getOutputStream().write("GET /_ping HTTP/1.1\r\nHost: d\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                readHead(s.getInputStream());
            }
        });
        assertThrows(IOException.class, () -> {
            try (SSLSocket s = connect(port, stranger)) {
                s.getOutputStream().write("GET /_ping HTTP/1.1\r\nHost: d\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                readHead(s.getInputStream());
            }
        });
    }

    @Test
    void tlsWithoutVerifyServesAnyClient() throws Exception {
        int port = start(conn -> {
            conn.readHead();
            conn.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK");
        }, false);
        try (SSLSocket s = connect(port, null)) {
            s.getOutputStream().write("GET /_ping HTTP/1.1\r\nHost: d\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertTrue(readHead(s.getInputStream()).startsWith("HTTP/1.1 200 OK\r\n"));
        }
    }

    @Test
    void theEndOfStdinOverTlsReachesTheEngineAndTheOutputStillComesBack() throws Exception {
        int port = start(conn -> {
            conn.readHead();
            conn.write("HTTP/1.1 101 UPGRADED\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n");
            byte[] stdin = conn.readToEnd();
            conn.write("got " + new String(stdin, StandardCharsets.ISO_8859_1));
            conn.shutdownOutput();
        }, true);
        try (SSLSocket s = connect(port, client)) {
            s.getOutputStream().write(("POST /containers/c/attach?stdin=1 HTTP/1.1\r\nHost: d\r\nConnection: Upgrade\r\n"
                    + "Upgrade: tcp\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            assertTrue(readHead(s.getInputStream()).startsWith("HTTP/1.1 101 UPGRADED\r\n"));
            s.getOutputStream().write("hi\n".getBytes(StandardCharsets.ISO_8859_1));
            s.shutdownOutput();   // TLS close_notify: the client's half-close
            assertEquals("got hi\n", new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void missingFilesAreNamed() {
        ProxyTls tls = new ProxyTls(true, true, Path.of("/nonexistent/ca.pem"), server.certificate().toPath(),
                server.privateKey().toPath());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, tls::serverContext);
        assertEquals("--tlscacert /nonexistent/ca.pem: no such file (or not readable)", e.getMessage());
        assertEquals(Path.of("/certs/cert.pem"), ProxyTls.fromFlags(false, true, null, null, null, Path.of("/certs")).cert());
    }
}
