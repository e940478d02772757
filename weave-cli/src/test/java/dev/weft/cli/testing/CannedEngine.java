package dev.weft.cli.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.URLDecoder;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A stand-in Docker engine on a unix socket: it records each request (kept-alive connections included,
 * bodies with Content-Length or chunked) and sends the raw bytes the test's function gives for it; null
 * sends nothing and holds the connection open, as an engine that hangs.
 */
public final class CannedEngine implements AutoCloseable {

    /** One request as the engine got it; header names in lower case. */
    public record Request(String method, String target, Map<String, String> headers, byte[] body) {

        public String path() {
            int query = target.indexOf('?');
            return query < 0 ? target : target.substring(0, query);
        }

        /** The query's parameters, decoded. */
        public Map<String, String> query() {
            Map<String, String> params = new LinkedHashMap<>();
            int at = target.indexOf('?');
            if (at >= 0) {
                for (String pair : target.substring(at + 1).split("&")) {
                    String[] nameValue = pair.split("=", 2);
                    params.put(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
                            nameValue.length > 1 ? URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8) : "");
                }
            }
            return params;
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final ServerSocketChannel server;
    private final Path socket;
    private final Function<Request, byte[]> answers;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<SocketChannel> connections = new CopyOnWriteArrayList<>();

    public CannedEngine(Path dir, Function<Request, byte[]> answers) throws IOException {
        this.socket = dir.resolve("docker.sock");
        this.answers = answers;
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(socket));
        Thread acceptor = new Thread(this::accept, "canned-engine");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public Path socket() {
        return socket;
    }

    public String dockerHost() {
        return "unix://" + socket;
    }

    public List<Request> requests() {
        return new ArrayList<>(requests);
    }

    /** The only request made; fails when there were others. */
    public Request onlyRequest() {
        if (requests.size() != 1) {
            throw new AssertionError("expected one request, got " + requests);
        }
        return requests.get(0);
    }

    /** An answer with Content-Length. */
    public static byte[] answer(int status, String contentType, byte[] body) {
        String head = "HTTP/1.1 " + status + " Canned\r\nApi-Version: 1.41\r\n"
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                + (status == 204 || status == 304 ? "" : "Content-Length: " + body.length + "\r\n") + "\r\n";
        return concat(head.getBytes(StandardCharsets.ISO_8859_1), body);
    }

    public static byte[] json(int status, String body) {
        return answer(status, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] empty(int status) {
        return answer(status, null, new byte[0]);
    }

    /** An answer in chunks of the given sizes, as the engine sends streams and long bodies. */
    public static byte[] chunked(int status, String contentType, byte[] body, int chunkSize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("HTTP/1.1 " + status + " Canned\r\nContent-Type: " + contentType
                + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        for (int at = 0; at < body.length; at += chunkSize) {
            int size = Math.min(chunkSize, body.length - at);
            out.writeBytes((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, at, size);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (SocketChannel connection : connections) {
            connection.close();
        }
        Files.deleteIfExists(socket);
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel connection = server.accept();
                connections.add(connection);
                Thread serving = new Thread(() -> serve(connection), "canned-engine-connection");
                serving.setDaemon(true);
                serving.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(SocketChannel connection) {
        try (connection) {
            InputStream in = Channels.newInputStream(connection);
            OutputStream out = Channels.newOutputStream(connection);
            Request request;
            while ((request = read(in)) != null) {
                requests.add(request);
                byte[] answer = answers.apply(request);
                if (answer == null) {
                    in.readAllBytes();
                    return;
                }
                out.write(answer);
                out.flush();
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static Request read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            if ((b = in.read()) < 0) {
                return null;
            }
            head.write(b);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] requestLine = lines[0].split(" ");
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).strip());
        }
        byte[] body;
        if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(in);
        } else {
            body = new byte[0];
        }
        return new Request(requestLine[0], requestLine[1], headers, body);
    }

    private static byte[] dechunk(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            StringBuilder line = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                line.append((char) b);
            }
            int size = Integer.parseInt(line.toString().strip(), 16);
            if (size == 0) {
                in.readNBytes(2);
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            in.readNBytes(2);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
