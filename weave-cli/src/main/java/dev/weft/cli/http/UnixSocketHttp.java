package dev.weft.cli.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 request over a unix socket ({@code Connection: close}), its answer read to the end
 * (Content-Length, chunked or until the server closes). The JDK's HTTP clients do not speak over unix
 * sockets and the CLI cannot afford to load a library that does; the Docker engine and the router's
 * API both answer this small subset.
 */
public final class UnixSocketHttp {

    /** A status code and the body as text. */
    public record Answer(int status, String body) {
    }

    private UnixSocketHttp() {
    }

    /** The socket path of {@code unix:///path} or {@code /path}; null when the address is not a unix socket. */
    public static Path socketPath(String address) {
        String path = address.startsWith("unix://") ? address.substring("unix://".length()) : address;
        return path.startsWith("/") ? Path.of(path) : null;
    }

    /**
     * @param target  the path and query, e.g. {@code /status?x=1}
     * @param headers extra request headers (Host, Connection and Content-Length are set here)
     */
    public static Answer exchange(Path socket, String method, String target, Map<String, String> headers)
            throws IOException {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                    .append("Host: localhost\r\nConnection: close\r\nContent-Length: 0\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            request.append("\r\n");
            ByteBuffer out = ByteBuffer.wrap(request.toString().getBytes(StandardCharsets.US_ASCII));
            while (out.hasRemaining()) {
                channel.write(out);
            }
            return parse(Channels.newInputStream(channel).readAllBytes());
        }
    }

    static Answer parse(byte[] response) throws IOException {
        int headerEnd = indexOf(response, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
        if (headerEnd < 0) {
            throw new IOException("malformed HTTP answer: no end of headers");
        }
        String[] head = new String(response, 0, headerEnd, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = head[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/") || !statusLine[1].matches("\\d{3}")) {
            throw new IOException("malformed HTTP status line: " + head[0]);
        }
        boolean chunked = false;
        int length = -1;
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = head[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = head[i].substring(colon + 1).strip();
            if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                chunked = true;
            } else if (name.equals("content-length")) {
                length = Integer.parseInt(value);
            }
        }
        int start = headerEnd + 4;
        byte[] body;
        if (chunked) {
            body = dechunk(response, start);
        } else {
            int end = length < 0 ? response.length : Math.min(response.length, start + length);
            body = java.util.Arrays.copyOfRange(response, start, end);
        }
        return new Answer(Integer.parseInt(statusLine[1]), new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] data, int from) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] crlf = "\r\n".getBytes(StandardCharsets.US_ASCII);
        int at = from;
        while (true) {
            int lineEnd = indexOf(data, crlf, at);
            if (lineEnd < 0) {
                throw new IOException("malformed chunked HTTP answer");
            }
            String sizeText = new String(data, at, lineEnd - at, StandardCharsets.US_ASCII).split(";", 2)[0].strip();
            int size;
            try {
                size = Integer.parseInt(sizeText, 16);
            } catch (NumberFormatException e) {
                throw new IOException("malformed chunk size: " + sizeText, e);
            }
            if (size == 0) {
                return body.toByteArray();
            }
            int chunkStart = lineEnd + 2;
            if (chunkStart + size > data.length) {
                throw new IOException("chunked HTTP answer ends early");
            }
            body.write(data, chunkStart, size);
            at = chunkStart + size + 2;
        }
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
