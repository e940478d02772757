package dev.weft.router.dns;

import dev.weft.router.testing.FakeApiRoutes;
import dev.weft.router.testing.MutableClock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.router.api.ApiResponse;
import dev.weft.weaveutil.addr.Ipv4;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DnsApiTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final DnsTable table = new DnsTable("peerA", new DnsDomain("weave.local."),
            new DnsTableTest.RecordingStore(), clock);
    private final Set<String> running = new java.util.HashSet<>(Set.of("c1", "c2"));
    private final FakeApiRoutes api;

    DnsApiTest() throws UnknownHostException {
        InetSocketAddress listen = new InetSocketAddress(InetAddress.getByName("172.17.0.1"), 53);
        api = new FakeApiRoutes(new DnsApi(table, () -> listen, running::contains));
    }

    private List<String> live(String name) {
        return table.index().addresses(name).stream().map(Ipv4::toString).toList();
    }

    @Test
    void putRegistersAName() {
        ApiResponse r = api.call("PUT", "/name/c1/10.32.0.1", "fqdn", "web.weave.local.", "check-alive", "true");
        assertEquals(204, r.status());
        assertEquals(List.of("10.32.0.1"), live("web.weave.local."));
    }

    @Test
    void putForADeadContainerWithCheckAliveTombstonesAtOnce() {
        assertEquals(204, api.call("PUT", "/name/c9/10.32.0.9", "fqdn", "gone.weave.local.",
                "check-alive", "true").status());
        assertEquals(List.of(), live("gone.weave.local."));
        assertEquals(1, table.records().size());
        assertEquals(0, table.index().liveCount());
        assertEquals(204, api.call("PUT", "/name/c9/10.32.0.9", "fqdn", "kept.weave.local.").status());
        assertEquals(List.of("10.32.0.9"), live("kept.weave.local."));
    }

    @Test
    void putOutsideTheDomainIsIgnoredButSucceeds() {
        assertEquals(204, api.call("PUT", "/name/c1/10.32.0.1", "fqdn", "web.example.com.").status());
        assertTrue(table.records().isEmpty());
    }

    @Test
    void aBadAddressIsRejected() {
        ApiResponse put = api.call("PUT", "/name/c1/10.32.0.300", "fqdn", "web.weave.local.");
        assertEquals(400, put.status());
        assertEquals("invalid IP address: 10.32.0.300", put.bodyText());
        assertEquals(400, api.call("DELETE", "/name/c1/nonsense").status());
    }

    @Test
    void deleteByContainerAndAddressWithOptionalName() {
        api.call("PUT", "/name/c1/10.32.0.1", "fqdn", "web.weave.local.");
        api.call("PUT", "/name/c1/10.32.0.1", "fqdn", "www.weave.local.");
        api.call("PUT", "/name/c1/10.32.0.2", "fqdn", "web.weave.local.");
        assertEquals(204, api.call("DELETE", "/name/c1/10.32.0.1", "fqdn", "www.weave.local.").status());
        assertEquals(List.of(), live("www.weave.local."));
        assertEquals(List.of("10.32.0.1", "10.32.0.2"), live("web.weave.local."));
        assertEquals(204, api.call("DELETE", "/name/c1/10.32.0.1").status());
        assertEquals(List.of("10.32.0.2"), live("web.weave.local."));
    }

    @Test
    void deleteByContainer() {
        api.call("PUT", "/name/c1/10.32.0.1", "fqdn", "web.weave.local.");
        api.call("PUT", "/name/c2/10.32.0.2", "fqdn", "web.weave.local.");
        assertEquals(204, api.call("DELETE", "/name/c1").status());
        assertEquals(List.of("10.32.0.2"), live("web.weave.local."));
    }

    @Test
    void deleteEverythingOrEverythingOfOneName() {
        api.call("PUT", "/name/c1/10.32.0.1", "fqdn", "web.weave.local.");
        api.call("PUT", "/name/c2/10.32.0.2", "fqdn", "db.weave.local.");
        assertEquals(204, api.call("DELETE", "/name", "fqdn", "db.weave.local.").status());
        assertEquals(List.of(), live("db.weave.local."));
        assertEquals(List.of("10.32.0.1"), live("web.weave.local."));
        assertEquals(204, api.call("DELETE", "/name").status());
        assertEquals(0, table.index().liveCount());
    }

    @Test
    void getNameListsEntriesAsJson() throws Exception {
        api.call("PUT", "/name/c1/10.32.0.1", "fqdn", "Web.weave.local.");
        ApiResponse r = api.call("GET", "/name", Map.of("accept", "application/json"));
        assertEquals(200, r.status());
        assertEquals(ApiResponse.JSON, r.contentType());
        JsonNode entries = new ObjectMapper().readTree(r.bodyText());
        assertEquals(1, entries.size());
        JsonNode e = entries.get(0);
        assertEquals("Web.weave.local.", e.get("Hostname").asText());
        assertEquals("peerA", e.get("Origin").asText());
        assertEquals("c1", e.get("ContainerID").asText());
        assertEquals("10.32.0.1", e.get("Address").asText());
        assertEquals(1, e.get("Version").asLong());
        assertEquals(0, e.get("Tombstone").asLong());
    }

    @Test
    void domainAndAddressRoutes() {
        assertEquals("weave.local.", api.call("GET", "/domain").bodyText());
        assertEquals("172.17.0.1", api.call("GET", "/dns-address").bodyText());
        assertEquals("172.17.0.1:53", api.call("GET", "/dns-address-port").bodyText());
    }
}
