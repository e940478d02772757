package dev.weft.cli.api;

import dev.weft.cli.http.UnixSocketHttp;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@link WeaveApi} over HTTP: {@link HttpURLConnection} (cheap to load for a short-lived CLI) for a
 * {@code host:port} address, {@link UnixSocketHttp} for a unix socket ({@code /path} or {@code unix:///path}).
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
        String accepted = accept != null ? accept : "text/plain";
        Path socket = UnixSocketHttp.socketPath(address);
        if (socket != null) {
            try {
                UnixSocketHttp.Answer answer = UnixSocketHttp.exchange(socket, method, path + query(params),
                        Map.of("Accept", accepted));
                return new ApiResponse(answer.status(), answer.body());
            } catch (IOException e) {
                throw new ApiUnreachableException(address, e);
            }
        }
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) URI.create("http://" + address + path + query(params)).toURL()
                    .openConnection();
            connection.setRequestMethod(method);
            connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
            connection.setUseCaches(false);
            // HttpURLConnection would otherwise send "*/*", which the router takes as a request for JSON
            connection.setRequestProperty("Accept", accepted);
            int status = connection.getResponseCode();
            InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new ApiResponse(status, body);
        } catch (IOException e) {
            throw new ApiUnreachableException(address, e);
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    static String query(Map<String, List<String>> params) {
        StringBuilder query = new StringBuilder();
        params.forEach((name, values) -> values.forEach(value -> query.append(query.length() == 0 ? '?' : '&')
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8))));
        return query.toString();
    }
}
