package dev.weft.router.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.api.ApiResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An API address starting with '/' is a unix socket (SPEC §2.2). */
public class UnixSocketServerTest {
    @TempDir
    Path dir;

    private final RouteTable routes = new RouteTable();

    UnixSocketServerTest() {
        routes.add("GET", "/status", r -> ApiResponse.ok("status"));
    }

    public static String get(Path socket, String path) throws IOException {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            ch.write(ByteBuffer.wrap(("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII)));
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(4096);
            while (ch.read(buf) >= 0) {
                got.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            return got.toString(StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void servesOnAUnixSocketAndRemovesItOnClose() throws Exception {
        Path socket = dir.resolve("run/weave/status.sock");
        ApiServer server = ApiServer.start("status", ListenAddress.parse("--status-addr", socket.toString()), routes);
        try {
            assertTrue(server.endpoint().contains(socket.toString()), server.endpoint());
            String answer = get(socket, "/status");
            assertTrue(answer.startsWith("HTTP/1.1 200") && answer.endsWith("\r\n\r\nstatus"), answer);
        } finally {
            server.close();
        }
        assertFalse(Files.exists(socket), "the socket file goes with the server");
    }

    @Test
    void aSocketLeftByAKilledRouterIsReplacedButOneInUseIsNot() throws Exception {
        Path socket = dir.resolve("weave.sock");
        ServerSocketChannel leftover = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        leftover.bind(UnixDomainSocketAddress.of(socket));
        IOException inUse = assertThrows(IOException.class,
                () -> ApiServer.start("control", ListenAddress.unix(socket.toString()), routes));
        assertTrue(inUse.getMessage().contains("is in use by another process"), inUse.getMessage());
        leftover.close(); // the file stays, as after a kill -9
        assertTrue(Files.exists(socket));
        try (ApiServer server = ApiServer.start("control", ListenAddress.unix(socket.toString()), routes)) {
            assertTrue(get(socket, "/status").endsWith("status"));
        }
    }

    @Test
    void aRegularFileAtThePathIsNeverRemoved() throws Exception {
        Path file = dir.resolve("notasocket");
        Files.writeString(file, "keep me");
        IOException e = assertThrows(IOException.class,
                () -> ApiServer.start("control", ListenAddress.unix(file.toString()), routes));
        assertTrue(e.getMessage().contains("exists and is not a socket"), e.getMessage());
        assertTrue(Files.readString(file).equals("keep me"));
    }
}
