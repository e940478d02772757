package dev.weft.cli.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import dev.weft.cli.api.WeaveApi.Listener;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a real HTTP server on loopback. */
class HttpWeaveApiTest {
    private HttpServer server;
    private final List<String> seen = new ArrayList<>();
    private String address;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " accept="
                    + exchange.getRequestHeaders().getFirst("Accept"));
            boolean missing = exchange.getRequestURI().getPath().equals("/missing");
            boolean chunked = exchange.getRequestURI().getPath().equals("/chunked");
            byte[] body = (missing ? "container c1 not found\n" : "10.32.0.1").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(missing ? 404 : 200, chunked ? 0 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        address = "127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void sendsMethodPathEncodedParamsAndAccept() throws IOException {
        ApiResponse response = new HttpWeaveApi(address, "").call(Listener.CONTROL, "POST", "/weft/attach/c1",
                Params.of().add("addr", "net:10.2.0.0/16").add("addr", "ip:10.2.1.1/24").map(), "text/plain");
        assertEquals(new ApiResponse(200, "10.32.0.1"), response);
        assertEquals(List.of("POST /weft/attach/c1?addr=net%3A10.2.0.0%2F16&addr=ip%3A10.2.1.1%2F24 accept=text/plain"),
                seen);
    }

    @Test
    void asksForPlainTextUnlessToldOtherwise() throws IOException {
        new HttpWeaveApi(address, "").call(Listener.CONTROL, "GET", "/report", Params.of().add("format", "x").map(),
                null);
        assertEquals(List.of("GET /report?format=x accept=text/plain"), seen);
    }

    @Test
    void errorStatusKeepsTheBody() throws IOException {
        ApiResponse response = new HttpWeaveApi(address, address).call(Listener.STATUS, "GET", "/missing",
                Params.of().map(), null);
        assertEquals(new ApiResponse(404, "container c1 not found\n"), response);
    }

    @Test
    void answerOfUnknownLengthArrivesChunked() throws IOException {
        assertEquals(new ApiResponse(200, "10.32.0.1"), new HttpWeaveApi(address, "").call(Listener.CONTROL, "GET",
                "/chunked", Params.of().map(), null));
    }

    @Test
    void bracketedIpv6AndBadAddresses() throws IOException {
        assertEquals(new java.net.InetSocketAddress("::1", 6784), HttpWeaveApi.socketAddress("[::1]:6784"));
        assertThrows(IOException.class, () -> HttpWeaveApi.socketAddress("127.0.0.1"));
        assertThrows(IOException.class, () -> HttpWeaveApi.socketAddress("127.0.0.1:http"));
        assertThrows(IOException.class, () -> HttpWeaveApi.socketAddress("127.0.0.1:70000"));
    }

    @Test
    void nobodyListening() {
        server.stop(0);
        ApiUnreachableException e = assertThrows(ApiUnreachableException.class,
                () -> new HttpWeaveApi(address, "").call(Listener.CONTROL, "GET", "/status", Params.of().map(), null));
        assertEquals("cannot reach the router at " + address + ": Connection refused", e.getMessage());
    }
}
