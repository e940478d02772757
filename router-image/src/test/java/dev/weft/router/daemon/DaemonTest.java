package dev.weft.router.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole daemon on loopback ports: IPAM and weaveDNS over one data file, no Docker. */
class DaemonTest {

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newHttpClient();

    private static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private DaemonConfig config(String... extra) {
        AtomicReference<DaemonConfig> captured = new AtomicReference<>();
        String[] base = {"--name", "8a:3e:3e:3e:3e:3e", "--nickname", "host1", "--docker-api", "",
            "--db-prefix", dir.resolve("weave").toString(), "--http-addr", "127.0.0.1:0", "--status-addr",
            "127.0.0.1:0", "--metrics-addr", "127.0.0.1:0", "--dns-listen-address", "127.0.0.1:0",
            "--host-root", dir.toString(), "--host", "127.0.0.1", "--port", String.valueOf(freePort()),
            "--restart-sentinel", dir.resolve("restart.sentinel").toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        StringWriter err = new StringWriter();
        int status = Weaver.execute(new Weaver(c -> {
            captured.set(c);
            return 0;
        }, null), args, new PrintWriter(new StringWriter()), new PrintWriter(err, true));
        assertEquals(0, status, err.toString());
        return captured.get();
    }

    @Test
    void servesStatusIpamAndDnsAndKeepsAllocationsAcrossRestarts() throws Exception {
        String allocated;
        try (Daemon daemon = Daemon.start(config(), new FakeHostFactory(false))) {
            int control = daemon.servers().get(0).address().getPort();
            int status = daemon.servers().get(1).address().getPort();
            int metrics = daemon.servers().get(2).address().getPort();

            HttpResponse<String> st = get(status, "/status");
            assertEquals(200, st.statusCode(), st.body());
            assertTrue(st.body().contains("        Service: router\n"), st.body());
            assertTrue(st.body().contains("           Name: 8a:3e:3e:3e:3e:3e(host1)\n"), st.body());
            assertTrue(st.body().contains("        Service: ipam\n"), st.body());
            assertTrue(st.body().contains("        Service: dns\n"), st.body());
            assertTrue(st.body().indexOf("Service: ipam") < st.body().indexOf("Service: dns"));

            allocated = post(control, "/ip/c0ffee").body();
            assertEquals("10.32.0.1/12", allocated);
            assertEquals("weave.local.", get(control, "/domain").body());
            assertEquals(404, get(status, "/domain").statusCode(), "control routes stay off the status address");
            assertEquals(404, get(metrics, "/status").statusCode());
            String scraped = get(metrics, "/metrics").body();
            assertTrue(scraped.contains("weave_ips{state=\"local-used\"} 1"), scraped);
            assertTrue(scraped.contains("weave_max_ips 1048576"), scraped);
            assertTrue(scraped.contains("weave_dns_entries 0"), scraped);
            assertEquals("8a:3e:3e:3e:3e:3e host1",
                    get(status, "/report?format=%7B%7B.Router.Name%7D%7D%20%7B%7B.Router.NickName%7D%7D").body());
        }
        assertTrue(Files.exists(dir.resolve("weavedata.db")));
        try (Daemon again = Daemon.start(config(), new FakeHostFactory(false))) {
            int control = again.servers().get(0).address().getPort();
            assertEquals(allocated, get(control, "/ip/c0ffee").body());
        }
    }

    @Test
    void reconcilesWithRunningContainersAndAttachesThroughTheControlApi() throws Exception {
        String oldId = "0d".repeat(32);
        String liveId = "a1".repeat(32);
        String newId = "b2".repeat(32);
        try (Daemon first = Daemon.start(config(), new FakeHostFactory(true))) {
            int control = first.servers().get(0).address().getPort();
            assertEquals("10.32.0.1/12", post(control, "/ip/" + oldId).body());
        }
        FakeHostFactory host = new FakeHostFactory(true);
        host.containers.add(new dev.weft.router.docker.ContainerInfo(liveId, "web", 42, true, false, "web",
                "weave.local", "default", ""));
        host.containers.add(dev.weft.router.docker.FakeContainers.running(newId, "db", 43));
        host.plumbing.addContainer(42).addContainer(43);
        host.plumbing.ensureBridge("weave", 1376, null);
        host.plumbing.attachContainer(42, "weave", java.util.List.of(dev.weft.weaveutil.addr.Cidr.parse("10.32.0.9/12")),
                dev.weft.weaveutil.plumbing.AttachOptions.defaults());
        try (Daemon daemon = Daemon.start(config(), host)) {
            int control = daemon.servers().get(0).address().getPort();
            assertEquals("", get(control, "/ip/" + oldId).body(), "owner that no longer runs is dropped");
            assertEquals("10.32.0.9/12", get(control, "/ip/" + liveId).body(), "address in use is claimed");
            String names = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + control + "/name"))
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(names.contains("web.weave.local.") && names.contains("10.32.0.9"), names);
            assertTrue(host.plumbing.bridge("weave").isPresent());
            assertTrue(host.iptables.chainExists("nat", "WEAVE"), "router rules set up");

            HttpResponse<String> attached = post(control, "/weft/attach/db");
            assertEquals(200, attached.statusCode(), attached.body());
            assertEquals("10.32.0.1", attached.body().strip());
            assertEquals("10.32.0.1/12", get(control, "/ip/" + newId).body());
            assertEquals(404, post(control, "/weft/attach/nosuch").statusCode());
        }
    }

    @Test
    void aWeaveNetBoltDbFileIsSetAsideAndTheLaunchIsToldWhy() throws Exception {
        dev.weft.router.store.BoltDbFixture.write(dir.resolve("weavedata.db"));
        try (Daemon daemon = Daemon.start(config(), new FakeHostFactory(false))) {
            int control = daemon.servers().get(0).address().getPort();
            String notices = get(control, "/weft/notices").body();
            assertTrue(notices.startsWith("found Weave Net's BoltDB data file " + dir.resolve("weavedata.db")), notices);
            assertEquals(1, notices.lines().count(), notices);
            assertEquals("10.32.0.1/12", post(control, "/ip/c0ffee").body(), "IPAM works on the new store");
        }
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.filter(p -> p.getFileName().toString().startsWith("weavedata.db.weavenet-boltdb-")).count());
        }
        try (Daemon again = Daemon.start(config(), new FakeHostFactory(false))) {
            assertEquals("", get(again.servers().get(0).address().getPort(), "/weft/notices").body());
        }
    }

    @Test
    void anAllocationWaitingForTheRingIsCancelledWhenItsClientDisconnects() throws Exception {
        try (Daemon daemon = Daemon.start(config("--ipalloc-init", "observer"), new FakeHostFactory(false))) {
            int control = daemon.servers().get(0).address().getPort();
            int metrics = daemon.servers().get(2).address().getPort();
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", control)) {
                socket.getOutputStream().write("POST /ip/c0ffee HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                awaitMetric(metrics, "weave_ipam_pending_allocates 1.0");
            }
            awaitMetric(metrics, "weave_ipam_pending_allocates 0.0");
        }
    }

    private void awaitMetric(int port, String line) throws Exception {
        String scraped = "";
        for (int i = 0; i < 50; i++) {
            scraped = get(port, "/metrics").body();
            if (scraped.contains(line + "\n")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + line + "' in:\n" + scraped);
    }

    @Test
    void listensOnUnixSocketsWhenTheAddressesStartWithASlash() throws Exception {
        Path control = dir.resolve("run/control.sock");
        Path status = dir.resolve("run/status.sock");
        try (Daemon daemon = Daemon.start(config("--http-addr", control.toString(), "--status-addr", status.toString(),
                "--metrics-addr", ""), new FakeHostFactory(false))) {
            String answer = dev.weft.router.http.UnixSocketServerTest.get(status, "/status");
            assertTrue(answer.startsWith("HTTP/1.1 200") && answer.contains("Service: ipam"), answer);
            assertTrue(dev.weft.router.http.UnixSocketServerTest.get(control, "/ip/c0ffee").startsWith("HTTP/1.1 200"));
        }
        assertTrue(!Files.exists(control) && !Files.exists(status));
    }

    @Test
    void disabledComponentsHaveNoRoutesAndNoSections() throws Exception {
        try (Daemon daemon = Daemon.start(config("--ipalloc-range", "", "--no-dns", "--metrics-addr", ""),
                new FakeHostFactory(false))) {
            int control = daemon.servers().get(0).address().getPort();
            assertEquals(2, daemon.servers().size());
            assertEquals(404, post(control, "/ip/c0ffee").statusCode());
            assertEquals(404, get(control, "/domain").statusCode());
            HttpResponse<String> ipam = get(control, "/status/ipam");
            assertEquals(500, ipam.statusCode());
            String text = get(control, "/status").body();
            assertTrue(!text.contains("Service: ipam") && !text.contains("Service: dns"), text);
        }
    }

    @Test
    void aPortInUseFailsTheStartWithAClearMessage() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            DaemonConfig c = config("--status-addr", "127.0.0.1:" + taken.getLocalPort());
            Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                    () -> Daemon.start(c, new FakeHostFactory(false)));
            assertTrue(e.getMessage().startsWith("cannot listen on 127.0.0.1:" + taken.getLocalPort()
                    + " for the status API"), e.getMessage());
        }
    }

    @Test
    void twoDaemonsFormAMeshAndShowItInTheirStatus() throws Exception {
        DaemonConfig first = config("--db-prefix", dir.resolve("a/weave").toString(),
                "--restart-sentinel", dir.resolve("a/restart.sentinel").toString());
        DaemonConfig second = config("--name", "8a:3e:3e:3e:3e:3f", "--nickname", "host2",
                "--db-prefix", dir.resolve("b/weave").toString(), "--restart-sentinel",
                dir.resolve("b/restart.sentinel").toString(), "127.0.0.1:" + first.port());
        try (Daemon a = Daemon.start(first, new FakeHostFactory(false));
             Daemon b = Daemon.start(second, new FakeHostFactory(false))) {
            int statusA = a.servers().get(1).address().getPort();
            int statusB = b.servers().get(1).address().getPort();
            int controlB = b.servers().get(0).address().getPort();
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
            String peers = "";
            while (System.nanoTime() < deadline && !peers.contains("8a:3e:3e:3e:3e:3f(host2)\n   -> ")) {
                Thread.sleep(100);
                peers = get(statusA, "/status/peers").body();
            }
            assertTrue(peers.startsWith("8a:3e:3e:3e:3e:3e(host1)\n   <- 127.0.0.1:"), peers);
            assertTrue(peers.matches("(?s)8a:3e:3e:3e:3e:3e\\(host1\\)\n   <- 127\\.0\\.0\\.1:\\d+ +8a:3e:3e:3e:3e:3f\\(host2\\)"
                    + " +established\n8a:3e:3e:3e:3e:3f\\(host2\\)\n   -> 127\\.0\\.0\\.1:" + first.port()
                    + " +8a:3e:3e:3e:3e:3e\\(host1\\) +established\n"), peers);
            assertTrue(get(statusB, "/status/connections").body().matches(
                    "-> 127\\.0\\.0\\.1:\\d+ +established none   8a:3e:3e:3e:3e:3e\\(host1\\)\n"),
                    get(statusB, "/status/connections").body());
            assertEquals("127.0.0.1:" + first.port() + "\n", get(statusB, "/status/targets").body());
            String statusText = get(statusB, "/status").body();
            assertTrue(statusText.contains("    Connections: 1 (1 established)\n"), statusText);
            assertTrue(statusText.contains("          Peers: 2 (with 2 established connections)\n"), statusText);

            HttpResponse<String> self = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + controlB + "/connect"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("peer=127.0.0.1:" + second.port())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, self.statusCode());
            assertEquals("cannot connect to ourself: 127.0.0.1:" + second.port() + " is this router's own address\n",
                    self.body());
        }
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(int port, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
