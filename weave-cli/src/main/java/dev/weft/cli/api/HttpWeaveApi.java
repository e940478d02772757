package dev.weft.cli.api;

import dev.weft.cli.http.UnixSocketHttp;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@link WeaveApi} over HTTP: one HTTP/1.1 exchange ({@code Connection: close}) on a plain socket for a
 * {@code host:port} address, {@link UnixSocketHttp} for a unix socket ({@code /path} or {@code unix:///path}).
 * The CLI is a short-lived JVM: {@code HttpURLConnection} costs it ~170 more classes, and resolving the
 * "http" URL handler makes the JDK search every jar on the class path for {@code URLStreamHandlerProvider}
 * services, which opens all of the CLI's jars (docker-java, Bouncy Castle...) on every call.
 */
public final class HttpWeaveApi implements WeaveApi {
    private static final int CONNECT_TIMEOUT_MS = 3000;

    private final String controlAddr;
    private final String statusAddr;

    /** @param statusAddr empty when the status listener is disabled; status requests then use the control one */
    public HttpWeaveApi(String controlAddr, String statusAddr) {
        this.controlAddr = controlAddr;
        this.statusAddr = statusAddr.isEmpty() ? controlAddr : statusAddr;
    }

    @Override
    public ApiResponse call(Listener listener, String method, String path, Map<String, List<String>> params,
                               String accept) throws ApiUnreachableException {
        String address = listener == Listener.STATUS ? statusAddr : controlAddr;
        // without an Accept header the router would take "*/*" as a request for JSON
        String accepted = accept != null ? accept : "text/plain";
        Path unixSocket = UnixSocketHttp.socketPath(address);
        if (unixSocket != null) {
            try {
                UnixSocketHttp.Answer answer = UnixSocketHttp.exchange(unixSocket, method, path + query(params),
                        Map.of("Accept", accepted));
                return new ApiResponse(answer.status(), answer.body());
            } catch (IOException e) {
                throw new ApiUnreachableException(address, e);
            }
        }
        byte[] request = (method + " " + path + query(params) + " HTTP/1.1\r\n"
                + "Host: " + address + "\r\n"
                + "Accept: " + accepted + "\r\n"
                + (method.equals("GET") ? "" : "Content-Length: 0\r\n")
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(socketAddress(address), CONNECT_TIMEOUT_MS);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return HttpResponseReader.read(socket.getInputStream());
        } catch (IOException e) {
            throw new ApiUnreachableException(address, e);
        }
    }

    /** Parses one raw HTTP/1.x response, as received on the socket. */
    public static ApiResponse parse(String raw) throws IOException {
        return HttpResponseReader.read(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    }

    /** {@code host:port} or {@code [v6]:port}; a literal address is used as it is (no name look-up). */
    static InetSocketAddress socketAddress(String address) throws IOException {
        int colon = address.lastIndexOf(':');
        if (colon <= 0) {
            throw new IOException("no port in '" + address + "'");
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IOException("bad port in '" + address + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IOException("bad port in '" + address + "'");
        }
        return new InetSocketAddress(host, port);
    }

    static String query(Map<String, List<String>> params) {
        StringBuilder query = new StringBuilder();
        params.forEach((name, values) -> values.forEach(value -> query.append(query.length() == 0 ? '?' : '&')
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8))));
        return query.toString();
    }
}
