package dev.weft.cli.http;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * One HTTP/1.1 request over a unix socket ({@code Connection: close}), its answer read until it is
 * complete (Content-Length, chunked or until the server closes), at most {@link #MAX_ANSWER_BYTES}.
 * The JDK's HTTP clients do not speak over unix sockets and the CLI cannot afford to load a library that
 * does; the Docker engine and the router's API both answer this small subset. The channel is
 * non-blocking and waited on with a selector, so that an exchange can have a deadline (a unix socket
 * channel has no socket timeout); an interrupt ends it as it ended a blocking read.
 */
public final class UnixSocketHttp {
    public static final int MAX_ANSWER_BYTES = 16 << 20;

    /**
     * @param target      the path and query, e.g. {@code /status?x=1}
     * @param headers     extra request headers (Host, Connection, Content-Type and Content-Length are set here)
     * @param contentType the body's type; null without a body
     */
    public record Request(String method, String target, Map<String, String> headers, String contentType,
                          byte[] body) {

        public Request(String method, String target) {
            this(method, target, Map.of(), null, new byte[0]);
        }

        public Request withBody(String type, byte[] content) {
            return new Request(method, target, headers, type, content);
        }
    }

    /** A status code and the body. */
    public record Answer(int status, byte[] content) {

        public Answer(int status, String body) {
            this(status, body.getBytes(StandardCharsets.UTF_8));
        }

        /** The body as UTF-8 text. */
        public String body() {
            return new String(content, StandardCharsets.UTF_8);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Answer answer && answer.status == status && Arrays.equals(answer.content, content);
        }

        @Override
        public int hashCode() {
            return 31 * status + Arrays.hashCode(content);
        }

        @Override
        public String toString() {
            return "Answer[" + status + ", " + body() + "]";
        }
    }

    private UnixSocketHttp() {
    }

    /** The socket path of {@code unix:///path} or {@code /path}; null when the address is not a unix socket. */
    public static Path socketPath(String address) {
        String path = address.startsWith("unix://") ? address.substring("unix://".length()) : address;
        return path.startsWith("/") ? Path.of(path) : null;
    }

    /**
     * A request without a body and without a deadline (the router's API may wait for IPAM as long as it takes).
     *
     * @param target  the path and query, e.g. {@code /status?x=1}
     * @param headers extra request headers (Host, Connection and Content-Length are set here)
     */
    public static Answer exchange(Path socket, String method, String target, Map<String, String> headers)
            throws IOException {
        return exchange(socket, new Request(method, target, headers, null, new byte[0]), null);
    }

    /**
     * @param deadline how long connecting, sending and receiving may take together; null for no limit
     * @throws SocketTimeoutException when the deadline passes first
     */
    public static Answer exchange(Path socket, Request request, Duration deadline) throws IOException {
        long end = deadline == null ? Long.MAX_VALUE : System.nanoTime() + deadline.toNanos();
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
             Selector selector = Selector.open()) {
            channel.configureBlocking(false);
            SelectionKey key = channel.register(selector, 0);
            if (!channel.connect(UnixDomainSocketAddress.of(socket))) {
                while (!channel.finishConnect()) {
                    await(selector, key, SelectionKey.OP_CONNECT, end, deadline);
                }
            }
            ByteBuffer out = ByteBuffer.wrap(encode(request));
            while (out.hasRemaining()) {
                if (channel.write(out) == 0) {
                    await(selector, key, SelectionKey.OP_WRITE, end, deadline);
                }
            }
            return receive(channel, selector, key, end, deadline);
        }
    }

    private static byte[] encode(Request request) {
        StringBuilder head = new StringBuilder(request.method()).append(' ').append(request.target())
                .append(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
        if (request.contentType() != null) {
            head.append("Content-Type: ").append(request.contentType()).append("\r\n");
        }
        head.append("Content-Length: ").append(request.body().length).append("\r\n");
        request.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(headBytes, headBytes.length + request.body().length);
        System.arraycopy(request.body(), 0, all, headBytes.length, request.body().length);
        return all;
    }

    private static Answer receive(SocketChannel channel, Selector selector, SelectionKey key, long end,
                                  Duration deadline) throws IOException {
        byte[] data = new byte[8192];
        int size = 0;
        while (true) {
            if (size == data.length) {
                if (size >= MAX_ANSWER_BYTES) {
                    throw new IOException("the answer is larger than " + (MAX_ANSWER_BYTES >> 20) + " MiB");
                }
                data = Arrays.copyOf(data, Math.min(MAX_ANSWER_BYTES, size * 2));
            }
            int read = channel.read(ByteBuffer.wrap(data, size, data.length - size));
            if (read < 0) {
                return HttpAnswerParser.parse(data, size);
            }
            if (read == 0) {
                await(selector, key, SelectionKey.OP_READ, end, deadline);
                continue;
            }
            size += read;
            int answerEnd = HttpAnswerParser.end(data, size);
            if (answerEnd >= 0) {
                return HttpAnswerParser.parse(data, answerEnd);
            }
        }
    }

    private static void await(Selector selector, SelectionKey key, int operation, long end, Duration deadline)
            throws IOException {
        key.interestOps(operation);
        long left = end - System.nanoTime();
        if (left <= 0) {
            throw new SocketTimeoutException("no answer within " + describe(deadline));
        }
        selector.select(end == Long.MAX_VALUE ? 0 : Math.max(1, left / 1_000_000));
        selector.selectedKeys().clear();
        if (Thread.currentThread().isInterrupted()) {
            throw new ClosedByInterruptException();
        }
    }

    private static String describe(Duration deadline) {
        return deadline.toMillis() % 1000 == 0 ? deadline.toSeconds() + " s" : deadline.toMillis() + " ms";
    }
}
