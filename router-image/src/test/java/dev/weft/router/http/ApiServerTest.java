package dev.weft.router.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.api.ApiException;
import dev.weft.router.api.ApiResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiServerTest {

    private final RouteTable routes = new RouteTable();
    private final HttpClient client = HttpClient.newHttpClient();
    private ApiServer control;
    private ApiServer status;

    @BeforeEach
    void start() throws IOException {
        routes.add("POST", "/ip/{id}/{ip}/{len}", r -> ApiResponse.ok(
                r.pathParam("id") + " " + r.pathParam("ip") + "/" + r.pathParam("len") + " " + r.params("check-alive")));
        routes.add("GET", "/echo", r -> ApiResponse.ok(String.join(",", r.params("peer")) + ";" + r.param("replace")));
        routes.add("POST", "/echo", r -> ApiResponse.ok(String.join(",", r.params("peer"))));
        routes.add("DELETE", "/name/{id}", r -> null);
        routes.add("GET", "/status", r -> ApiResponse.ok("status"));
        routes.add("GET", "/fails/api", r -> {
            throw new ApiException(409, "address 10.32.0.1 already in use by abc\nsecond line");
        });
        routes.add("GET", "/fails/bug", r -> {
            throw new IllegalStateException("ring is broken");
        });
        control = ApiServer.start("control", new ListenAddress("127.0.0.1", 0), routes);
        status = ApiServer.start("status", new ListenAddress("127.0.0.1", 0), routes.view(p -> p.startsWith("/status")));
    }

    @AfterEach
    void stop() {
        control.close();
        status.close();
    }

    @Test
    void placeholdersBindOneDecodedSegmentEach() throws Exception {
        HttpResponse<String> r = send(control, "POST", "/ip/weave%3Aexpose/10.2.0.1/24?check-alive=true", null);
        assertEquals(200, r.statusCode());
        assertEquals("weave:expose 10.2.0.1/24 [true]", r.body());
        assertEquals(404, send(control, "POST", "/ip/abc/10.2.0.1", null).statusCode());
        assertEquals(404, send(control, "POST", "/ip/abc/10.2.0.1/24/extra", null).statusCode());
    }

    @Test
    void queryAndFormBodyAreMergedQueryFirst() throws Exception {
        HttpResponse<String> r = send(control, "POST", "/echo?peer=a", "peer=b&peer=c%3A6783");
        assertEquals("a,b,c:6783", r.body());
        assertEquals("x,y;true", send(control, "GET", "/echo?peer=x&peer=y&replace=true", null).body());
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405() throws Exception {
        HttpResponse<String> missing = send(control, "GET", "/nothing/here", null);
        assertEquals(404, missing.statusCode());
        assertEquals("404 page not found\n", missing.body());
        assertEquals(405, send(control, "PUT", "/echo", "").statusCode());
    }

    @Test
    void nullResponseIs204() throws Exception {
        HttpResponse<String> r = send(control, "DELETE", "/name/abc", null);
        assertEquals(204, r.statusCode());
        assertEquals("", r.body());
    }

    @Test
    void apiExceptionGivesItsStatusAndOneLine() throws Exception {
        HttpResponse<String> r = send(control, "GET", "/fails/api", null);
        assertEquals(409, r.statusCode());
        assertEquals("address 10.32.0.1 already in use by abc second line\n", r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    }

    @Test
    void otherExceptionsAre500WithTheirMessage() throws Exception {
        HttpResponse<String> r = send(control, "GET", "/fails/bug", null);
        assertEquals(500, r.statusCode());
        assertEquals("ring is broken\n", r.body());
    }

    @Test
    void badEscapesAre400() throws Exception {
        HttpResponse<String> r = send(control, "POST", "/echo", "peer=%zz");
        assertEquals(400, r.statusCode());
    }

    @Test
    void statusAddressServesOnlyItsView() throws Exception {
        assertEquals("status", send(status, "GET", "/status", null).body());
        assertEquals(404, send(status, "GET", "/echo", null).statusCode());
        assertEquals("status", send(control, "GET", "/status", null).body());
    }

    @Test
    void blockedHandlersDoNotStarveOtherCalls() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        routes.add("GET", "/block", r -> {
            release.await();
            return ApiResponse.ok("released");
        });
        int blocked = 20;
        CompletableFuture<?>[] waiting = new CompletableFuture<?>[blocked];
        for (int i = 0; i < blocked; i++) {
            waiting[i] = client.sendAsync(request(control, "GET", "/block", null), HttpResponse.BodyHandlers.ofString());
        }
        assertEquals("status", send(control, "GET", "/status", null).body());
        release.countDown();
        CompletableFuture.allOf(waiting).get(10, TimeUnit.SECONDS);
    }

    @Test
    void listenAddressParsing() {
        assertEquals(null, ListenAddress.parse("--http-addr", " "));
        assertEquals(new ListenAddress("127.0.0.1", 6784), ListenAddress.parse("--http-addr", "127.0.0.1:6784"));
        assertEquals(new ListenAddress("0.0.0.0", 6782), ListenAddress.parse("--status-addr", ":6782"));
        assertEquals(new ListenAddress("127.0.0.1", 1), ListenAddress.parse("--status-addr", "tcp://127.0.0.1:1"));
        assertEquals(ListenAddress.unix("/run/weave.sock"), ListenAddress.parse("--http-addr", "/run/weave.sock"));
        assertEquals(ListenAddress.unix("/run/weave.sock"), ListenAddress.parse("--http-addr", "unix:///run/weave.sock"));
        IllegalArgumentException unix = assertThrows(IllegalArgumentException.class,
                () -> ListenAddress.parseRequired("--dns-listen-address", "/run/dns.sock"));
        assertEquals("--dns-listen-address /run/dns.sock: expected host:port, not a unix socket", unix.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ListenAddress.parse("--http-addr", "localhost"));
        assertThrows(IllegalArgumentException.class, () -> ListenAddress.parse("--http-addr", "h:99999"));
    }

    private HttpResponse<String> send(ApiServer server, String method, String path, String form) throws Exception {
        return client.send(request(server, method, path, form), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(ApiServer server, String method, String path, String form) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort() + path));
        if (form == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(form));
        }
        return b.build();
    }
}
