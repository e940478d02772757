package dev.weft.cli.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probe against a stand-in engine on a unix socket that answers one request. */
class EngineSocketProbeTest {
    @TempDir
    Path dir;
    private ServerSocketChannel server;
    private final AtomicReference<String> request = new AtomicReference<>();

    private String serve(String response) throws IOException {
        Path socket = dir.resolve("docker.sock");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread thread = new Thread(() -> {
            try (SocketChannel client = server.accept()) {
                ByteBuffer buffer = ByteBuffer.allocate(4096);
                client.read(buffer);
                request.set(new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII));
                client.write(ByteBuffer.wrap(response.getBytes(StandardCharsets.UTF_8)));
            } catch (IOException e) {
                // the test fails on the missing answer
            }
        });
        thread.setDaemon(true);
        thread.start();
        return "unix://" + socket;
    }

    @AfterEach
    void close() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void readsStateOfAContainer() throws IOException {
        String host = serve("HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n"
                + "{\"Id\":\"abc123\",\"State\":{\"Status\":\"restarting\",\"Restarting\":true,\"Pid\":0},"
                + "\"Config\":{\"Image\":\"weft/weave:0.1.0\"}}");
        Optional<ContainerState> state = new EngineSocketProbe(host).inspect("weave");
        assertEquals(Optional.of(new ContainerState("abc123", "restarting", "weft/weave:0.1.0", true, 0)), state);
        assertTrue(request.get().startsWith("GET /containers/weave/json HTTP/1.1\r\n"), request.get());
    }

    @Test
    void absentContainerIsEmpty() throws IOException {
        String host = serve("HTTP/1.0 404 Not Found\r\n\r\n{\"message\":\"No such container: weave\"}");
        assertEquals(Optional.empty(), new EngineSocketProbe(host).inspect("weave"));
    }

    @Test
    void engineErrorsNameTheRequest() throws IOException {
        String host = serve("HTTP/1.0 500 Internal Server Error\r\n\r\nboom\n");
        IOException e = assertThrows(IOException.class, () -> new EngineSocketProbe(host).inspect("weave"));
        assertEquals("Docker engine answered 500 to /containers/weave/json: boom", e.getMessage());
    }

    @Test
    void missingSocket() {
        IOException e = assertThrows(IOException.class,
                () -> new EngineSocketProbe("unix://" + dir.resolve("none.sock")).inspect("weave"));
        assertTrue(e.getMessage().startsWith("cannot reach the Docker engine at unix://"), e.getMessage());
    }
}
