package dev.weft.router.dns;

import dev.weft.router.testing.MutableClock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.router.api.StatusSection.StatusLine;
import dev.weft.weaveutil.addr.Ipv4;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DnsStatusTest {
    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final DnsTable table = new DnsTable("8a:3e:3e:3e:3e:3e", new DnsDomain("weave.local."),
            new DnsTableTest.RecordingStore(), clock);
    private DnsStatus status;

    @BeforeEach
    void setUp() throws IOException {
        Path resolv = dir.resolve("resolv.conf");
        Files.writeString(resolv, "nameserver 8.8.8.8\nnameserver 8.8.4.4\nnameserver 172.17.0.1\n");
        InetSocketAddress listen = new InetSocketAddress(InetAddress.getByName("172.17.0.1"), 53);
        status = new DnsStatus(table, new Upstreams(resolv, listen, 53, clock), () -> listen, 1);
        table.add("web.weave.local.", "4f2a9c1d0e7b55aa", Ipv4.parse("10.32.0.1"));
        table.add("db.weave.local.", "77aa", Ipv4.parse("10.32.0.2"));
        table.add("old.weave.local.", "99bb", Ipv4.parse("10.32.0.3"));
        table.delete("old.weave.local.", null, null);
    }

    @Test
    void summaryShowsDomainUpstreamTtlAndLiveEntries() {
        assertEquals("dns", status.service());
        assertEquals(List.of(new StatusLine("Domain", "weave.local."), new StatusLine("Upstream", "8.8.8.8, 8.8.4.4"),
                new StatusLine("TTL", "1"), new StatusLine("Entries", "2")), status.summary());
    }

    @Test
    void detailListsLiveEntriesInNameOrder() {
        assertEquals("db           10.32.0.2               77aa 8a:3e:3e:3e:3e:3e\n"
                + "web          10.32.0.1       4f2a9c1d0e7b 8a:3e:3e:3e:3e:3e\n", status.detail());
    }

    @Test
    void reportCarriesTheOriginalsFields() {
        assertEquals("DNS", status.reportKey());
        JsonNode report = new ObjectMapper().valueToTree(status.report());
        assertEquals("weave.local.", report.get("Domain").asText());
        assertEquals("8.8.8.8", report.get("Upstream").get(0).asText());
        assertEquals("172.17.0.1:53", report.get("Address").asText());
        assertEquals(1, report.get("TTL").asInt());
        assertEquals(3, report.get("Entries").size());
        assertEquals(1767225600L, report.get("Entries").get(1).get("Tombstone").asLong());
    }
}
