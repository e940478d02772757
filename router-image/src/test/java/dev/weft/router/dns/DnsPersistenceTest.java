package dev.weft.router.dns;

import dev.weft.router.testing.FakeApiRoutes;
import dev.weft.router.testing.MutableClock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.router.api.ContainerLiveness;
import dev.weft.router.store.Store;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/** Names registered through the API survive a restart of weaveDNS on the same data file. */
class DnsPersistenceTest {
    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    private WeaveDns open(Store store) throws IOException {
        DnsConfig config = new DnsConfig(new DnsDomain("weave.local."),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1, null, Duration.ofSeconds(1), "peerA", 53);
        WeaveDns dns = WeaveDns.create(config, store, ContainerLiveness.ALWAYS, clock);
        dns.start();
        return dns;
    }

    @Test
    void registeredAndDeletedNamesSurviveARestart() throws IOException {
        Path file = dir.resolve("weavedata.db");
        try (Store store = Store.open(file); WeaveDns dns = open(store)) {
            FakeApiRoutes api = new FakeApiRoutes(dns.api());
            assertEquals(204, api.call("PUT", "/name/c1/10.32.0.1", "fqdn", "web.weave.local.").status());
            assertEquals(204, api.call("PUT", "/name/c2/10.32.0.2", "fqdn", "db.weave.local.").status());
            assertEquals(204, api.call("DELETE", "/name/c2").status());
        }
        try (Store store = Store.open(file); WeaveDns dns = open(store)) {
            DnsTestClient client = new DnsTestClient(dns.address());
            assertEquals(List.of("10.32.0.1"),
                    DnsTestClient.addresses(client.udp(DnsTestClient.query("web.weave.local.", Type.A))));
            assertEquals(Rcode.NXDOMAIN, client.udp(DnsTestClient.query("db.weave.local.", Type.A)).getRcode());
            DnsRecord deleted = dns.table().records().get(0);
            assertEquals("db.weave.local.", deleted.hostname());
            assertEquals(2, deleted.version());
        }
    }

    @Test
    void aChangeIsInTheFileBeforeTheApiAnswers() {
        Path file = dir.resolve("weavedata.db");
        Store store = Store.open(file);
        DnsTable table = new DnsTable("peerA", new DnsDomain("weave.local."), new StoreDnsRecords(store), clock);
        FakeApiRoutes api = new FakeApiRoutes(new DnsApi(table, () -> new InetSocketAddress(53), ContainerLiveness.ALWAYS));
        api.call("PUT", "/name/c1/10.32.0.1", "fqdn", "web.weave.local.");
        // Abandon the store without closing it, as a killed process would, and read the file afresh.
        store.mvStore().closeImmediately();
        try (Store reopened = Store.open(file)) {
            assertEquals(List.of("web.weave.local."),
                    new StoreDnsRecords(reopened).load().stream().map(DnsRecord::hostname).toList());
        }
    }

    @Test
    void anUnreadableRecordIsKeptAsideAndTheOthersAreServed() throws IOException {
        Path file = dir.resolve("weavedata.db");
        try (Store store = Store.open(file)) {
            store.update(() -> {
                store.<String, String>map(StoreDnsRecords.MAP_NAME).put("web", "web.weave.local.\tpeerA\tc1\t10.32.0.1\t1\t0");
                store.<String, String>map(StoreDnsRecords.MAP_NAME).put("bad", "db.weave.local.\tpeerA\tc2\t10.32.0.999\t1\t0");
                store.<String, String>map(StoreDnsRecords.MAP_NAME).put("short", "half a record");
            });
        }
        try (Store store = Store.open(file); WeaveDns dns = open(store)) {
            assertEquals(List.of("web.weave.local."), dns.table().records().stream().map(DnsRecord::hostname).toList());
            java.util.Map<String, String> aside = store.quarantine().entries();
            assertEquals(2, aside.size(), aside.toString());
            assertEquals(true, aside.values().stream().anyMatch(v -> v.startsWith("expected 6 tab-separated fields, found 1\t")),
                    aside.toString());
        }
    }
}
