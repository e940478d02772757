package dev.weft.router.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Docker engine stand-in on a unix socket that speaks bytes exactly as a test scripts them, so
 * that framing, streaming and connection takeover can be checked from both ends.
 */
final class FakeEngine implements AutoCloseable {

    /** One accepted connection, given to the test's script on its own thread. */
    interface Script {
        void serve(Conn conn) throws Exception;
    }

    static final class Conn {
        final SocketChannel channel;
        final InputStream in;
        final OutputStream out;

        Conn(SocketChannel channel) {
            this.channel = channel;
            this.in = Channels.newInputStream(channel);
            this.out = Channels.newOutputStream(channel);
        }

        /** Reads a request head (up to the blank line). Null at end of stream. */
        String readHead() throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int state = 0;
            while (state < 4) {
                int b = in.read();
                if (b < 0) {
                    return head.size() == 0 ? null : head.toString(StandardCharsets.ISO_8859_1);
                }
                head.write(b);
                state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3))
                        ? state + 1 : 0;
            }
            return head.toString(StandardCharsets.ISO_8859_1);
        }

        byte[] readExactly(int n) throws IOException {
            return in.readNBytes(n);
        }

        byte[] readToEnd() throws IOException {
            return in.readAllBytes();
        }

        void write(String s) throws IOException {
            out.write(s.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        void shutdownOutput() throws IOException {
            channel.shutdownOutput();
        }
    }

    private final ServerSocketChannel server;
    private final Path socket;
    private final Thread acceptor;
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    final AtomicInteger connections = new AtomicInteger();
    private volatile Script script;

    FakeEngine(Path socket, Script script) throws IOException {
        this.socket = socket;
        this.script = script;
        Files.deleteIfExists(socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        acceptor = new Thread(this::accept, "fake-engine");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    void script(Script next) {
        script = next;
    }

    Endpoint endpoint() {
        return Endpoint.parse("unix://" + socket);
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel ch = server.accept();
                connections.incrementAndGet();
                Script s = script;
                Thread t = new Thread(() -> {
                    try (ch) {
                        s.serve(new Conn(ch));
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }, "fake-engine-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    List<Throwable> failures() {
        return failures;
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(socket);
    }
}
