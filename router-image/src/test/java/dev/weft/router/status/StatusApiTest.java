package dev.weft.router.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.api.BackgroundFailures;
import dev.weft.router.http.ApiServer;
import dev.weft.router.http.ListenAddress;
import dev.weft.router.http.RouteTable;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatusApiTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private final FakeRouterMesh state = new FakeRouterMesh();
    private final StatusBoard board = new StatusBoard("0.1.0", new Readiness(),
            new RouterStatusSection(StatusBoardTest.routerState(List.of()), state));
    private final BackgroundFailures failures = new BackgroundFailures();
    private ApiServer control;
    private ApiServer status;

    @BeforeEach
    void start() throws Exception {
        board.add(StatusBoardTest.IPAM);
        RouteTable routes = new RouteTable();
        new StatusApi(board, new WeaveMetrics(failures)).register(routes);
        new RouterApi(state, RouterApi.ProxyAddresses.NONE).register(routes);
        control = ApiServer.start("control", new ListenAddress("127.0.0.1", 0), routes);
        status = ApiServer.start("status", new ListenAddress("127.0.0.1", 0), routes.view(StatusApi::isStatusPattern));
    }

    @AfterEach
    void stop() {
        control.close();
        status.close();
    }

    @Test
    void statusIs503WithTheReasonUntilReady() throws Exception {
        board.readiness().waitingFor("waiting for IPAM to reconcile");
        HttpResponse<String> early = get(status, "/status", null);
        assertEquals(503, early.statusCode());
        assertEquals("waiting for IPAM to reconcile\n", early.body());
        board.readiness().ready();
        HttpResponse<String> ready = get(status, "/status", null);
        assertEquals(200, ready.statusCode());
        assertTrue(ready.body().startsWith("        Version: 0.1.0 (version check update disabled)\n"));
    }

    @Test
    void subStatusesAnswerPerComponent() throws Exception {
        state.connect(List.of("10.0.0.2"), false);
        assertEquals("10.0.0.2\n", get(status, "/status/targets", null).body());
        assertEquals("", get(status, "/status/connections", null).body());
        assertEquals("", get(status, "/status/peers", null).body(), "the fake mesh knows no peers");
        assertEquals(StatusBoardTest.IPAM.detail(), get(status, "/status/ipam", null).body());
        HttpResponse<String> dns = get(status, "/status/dns", null);
        assertEquals(500, dns.statusCode());
        assertEquals("dns is disabled\n", dns.body());
        assertEquals(404, get(status, "/status/bogus", null).statusCode());
    }

    @Test
    void reportAsJsonIsIndentedFourSpaces() throws Exception {
        HttpResponse<String> r = get(status, "/report", "application/json");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().startsWith("{\n    \"Ready\": false,\n    \"Version\": \"0.1.0\",\n    \"VersionCheck\": {\n"
                + "        \"Enabled\": false,"), r.body());
        assertTrue(r.body().contains("\"Connections\": [],"), r.body());
    }

    @Test
    void reportThroughATemplate() throws Exception {
        assertEquals("8a:3e:3e:3e:3e:3e host1 10.32.0.0/12",
                get(status, "/report?format=" + enc("{{.Router.Name}} {{.Router.NickName}} {{.IPAM.Range}}"), null).body());
        assertEquals("0.1.0", get(status, "/report?format=" + enc("{{.Version}}"), "application/json").body(),
                "a format wins over an Accept header");
        HttpResponse<String> missing = get(status, "/report", null);
        assertEquals(400, missing.statusCode());
        HttpResponse<String> bad = get(status, "/report?format=" + enc("{{.Router"), null);
        assertEquals(400, bad.statusCode());
        assertEquals("template: format:1: unclosed action\n", bad.body());
        HttpResponse<String> failing = get(status, "/report?format=" + enc("{{.DNS.Domain}}"), null);
        assertEquals(500, failing.statusCode());
        assertTrue(failing.body().contains("nil pointer evaluating .Domain"), failing.body());
    }

    @Test
    void metricsCarryTheWeaveFamilies() throws Exception {
        HttpResponse<String> r = get(status, "/metrics", null);
        assertEquals(200, r.statusCode());
        String body = r.body();
        assertTrue(body.contains("weave_connections{encryption=\"\",state=\"established\",type=\"\"} 0"), body);
        assertTrue(body.contains("weave_connection_terminations_total 3"), body);
        assertTrue(body.contains("weave_ips{state=\"local-used\"} 3"), body);
        assertTrue(body.contains("weave_max_ips 1048576"), body);
        assertTrue(body.contains("weave_ipam_unreachable_count 0"), body);
        assertTrue(!body.contains("weave_dns_entries "), "no DNS component, no sample: " + body);
    }

    @Test
    void metricsCountBackgroundFailuresByKind() throws Exception {
        String before = get(status, "/metrics", null).body();
        assertTrue(before.contains("weft_background_failures_total{kind=\"dns-purge\"} 0"), before);
        assertTrue(before.contains("weft_background_failures_total{kind=\"link-reaper\"} 0"), before);
        failures.record(BackgroundFailures.DNS_PURGE, org.slf4j.LoggerFactory.getLogger(getClass()), "purge",
                new IllegalStateException("disk full"));
        failures.recordRepeat(BackgroundFailures.DNS_PURGE);
        String after = get(status, "/metrics", null).body();
        assertTrue(after.contains("weft_background_failures_total{kind=\"dns-purge\"} 2"), after);
    }

    @Test
    void statusAddressDoesNotServeControlRoutes() throws Exception {
        assertEquals(404, post(status, "/connect", "peer=10.0.0.9").statusCode());
        assertEquals(200, get(control, "/status/targets", null).statusCode());
    }

    @Test
    void connectAndForgetKeepTheTargets() throws Exception {
        HttpResponse<String> bad = post(control, "/connect", "peer=10.0.0.9&peer=%3A99&peer=a+b");
        assertEquals(400, bad.statusCode());
        assertEquals("invalid peer name \":99\", should be host[:port]\n"
                + "invalid peer name \"a b\", should be host[:port]\n", bad.body());
        assertEquals(List.of("10.0.0.9"), state.targets());
        assertEquals(200, post(control, "/connect", "peer=h2&replace=true").statusCode());
        assertEquals("h2\n", get(control, "/status/targets", null).body());
        assertEquals(200, post(control, "/forget", "peer=h2").statusCode());
        assertEquals("", get(control, "/status/targets", null).body());
        assertEquals("", get(control, "/proxyaddrs", null).body());
    }

    private HttpResponse<String> get(ApiServer server, String path, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(server, path)).GET();
        if (accept != null) {
            b.header("Accept", accept);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(ApiServer server, String path, String form) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(server, path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(ApiServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.address().getPort() + path);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
