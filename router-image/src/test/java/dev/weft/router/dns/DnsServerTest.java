package dev.weft.router.dns;

import dev.weft.router.testing.FakeApiRoutes;
import dev.weft.router.testing.MutableClock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.api.ContainerLiveness;
import dev.weft.router.store.Store;
import dev.weft.weaveutil.addr.Ipv4;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Real UDP and TCP queries against weaveDNS on 127.0.0.1, with a fake upstream on 127.0.0.2. */
class DnsServerTest {
    private static final String UPSTREAM_ANSWER = "203.0.113.7";

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private Path resolvConf;
    private int upstreamPort;
    private FakeUpstream upstream;
    private Store store;
    private WeaveDns dns;
    private DnsTestClient client;

    @BeforeEach
    void start() throws IOException {
        upstreamPort = freeUdpPort("127.0.0.2");
        upstream = new FakeUpstream(new InetSocketAddress("127.0.0.2", upstreamPort), UPSTREAM_ANSWER);
        resolvConf = dir.resolve("resolv.conf");
        Files.writeString(resolvConf, "nameserver 127.0.0.2\n");
        store = Store.inMemory();
        dns = startDns(resolvConf);
        client = new DnsTestClient(dns.address());
    }

    @AfterEach
    void stop() throws InterruptedException {
        dns.close();
        store.close();
        upstream.close();
    }

    private WeaveDns startDns(Path resolv) throws IOException {
        DnsConfig config = new DnsConfig(new DnsDomain("weave.local."),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1, resolv, Duration.ofMillis(700),
                "peerA", upstreamPort);
        WeaveDns started = WeaveDns.create(config, store, ContainerLiveness.ALWAYS, clock);
        started.start();
        return started;
    }

    private static int freeUdpPort(String ip) throws IOException {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(ip, 0))) {
            return probe.getLocalPort();
        }
    }

    private void add(String name, String container, String ip) {
        dns.table().add(name, container, Ipv4.parse(ip));
    }

    @Test
    void answersALocalNameAuthoritativelyWithTheConfiguredTtl() throws IOException {
        add("web.weave.local.", "c1", "10.32.0.1");
        Message reply = client.udp(DnsTestClient.query("web.weave.local.", Type.A));
        assertEquals(Rcode.NOERROR, reply.getRcode());
        assertTrue(reply.getHeader().getFlag(Flags.AA));
        assertEquals(List.of("10.32.0.1"), DnsTestClient.addresses(reply));
        assertEquals(1, reply.getSection(Section.ANSWER).get(0).getTTL());
        assertEquals(0, upstream.udpQueries.get());
    }

    @Test
    void aSingleLabelNameMeansTheNameInTheDomain() throws IOException {
        add("web.weave.local.", "c1", "10.32.0.1");
        Message reply = client.udp(DnsTestClient.query("web.", Type.A));
        assertEquals(List.of("10.32.0.1"), DnsTestClient.addresses(reply));
        assertEquals(Name.fromString("web."), reply.getSection(Section.ANSWER).get(0).getName());
    }

    @Test
    void lookupIgnoresCase() throws IOException {
        add("Web.Weave.Local.", "c1", "10.32.0.1");
        Message reply = client.udp(DnsTestClient.query("wEB.weave.LOCAL.", Type.A));
        assertEquals(List.of("10.32.0.1"), DnsTestClient.addresses(reply));
    }

    @Test
    void severalOwnersGiveAllAddressesInVaryingOrder() throws IOException {
        add("web.weave.local.", "c1", "10.32.0.1");
        add("web.weave.local.", "c2", "10.32.0.2");
        add("web.weave.local.", "c3", "10.32.0.3");
        Set<String> firsts = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            List<String> got = DnsTestClient.addresses(client.udp(DnsTestClient.query("web.weave.local.", Type.A)));
            assertEquals(Set.of("10.32.0.1", "10.32.0.2", "10.32.0.3"), new HashSet<>(got));
            firsts.add(got.get(0));
        }
        assertTrue(firsts.size() > 1, "answers were never shuffled");
    }

    @Test
    void otherTypesOfAKnownNameGetAnEmptyNoError() throws IOException {
        add("web.weave.local.", "c1", "10.32.0.1");
        Message reply = client.udp(DnsTestClient.query("web.weave.local.", Type.AAAA));
        assertEquals(Rcode.NOERROR, reply.getRcode());
        assertTrue(reply.getSection(Section.ANSWER).isEmpty());
    }

    @Test
    void anUnknownOrDeletedNameInTheDomainIsNxdomainWithoutAskingUpstream() throws Exception {
        add("web.weave.local.", "c1", "10.32.0.1");
        dns.table().delete(null, "c1", null);
        Message reply = client.udp(DnsTestClient.query("web.weave.local.", Type.A));
        assertEquals(Rcode.NXDOMAIN, reply.getRcode());
        assertEquals(Rcode.NXDOMAIN, client.udp(DnsTestClient.query("nope.weave.local.", Type.A)).getRcode());
        assertEquals(0, upstream.udpQueries.get());
    }

    @Test
    void severalQuestionsGetNxdomain() throws IOException {
        add("web.weave.local.", "c1", "10.32.0.1");
        Message query = DnsTestClient.query("web.weave.local.", Type.A);
        query.addRecord(Record.newRecord(Name.fromString("web.weave.local."), Type.AAAA, DClass.IN), Section.QUESTION);
        assertEquals(Rcode.NXDOMAIN, client.udp(query).getRcode());
    }

    @Test
    void reverseLookupAnswersFromTheTableAndForwardsUnknownAddresses() throws IOException {
        add("Web.weave.local.", "c1", "10.32.0.1");
        Message reply = client.udp(DnsTestClient.query("1.0.32.10.in-addr.arpa.", Type.PTR));
        assertTrue(reply.getHeader().getFlag(Flags.AA));
        PTRRecord ptr = (PTRRecord) reply.getSection(Section.ANSWER).get(0);
        assertEquals("Web.weave.local.", ptr.getTarget().toString());
        assertEquals(0, upstream.udpQueries.get());

        client.udp(DnsTestClient.query("9.0.32.10.in-addr.arpa.", Type.PTR));
        assertEquals(1, upstream.udpQueries.get());
        Message other = client.udp(DnsTestClient.query("1.0.32.10.in-addr.arpa.", Type.A));
        assertEquals(Rcode.NXDOMAIN, other.getRcode());
    }

    @Test
    void otherNamesAreForwardedOverTheSameTransport() throws IOException {
        Message overUdp = client.udp(DnsTestClient.query("example.com.", Type.A));
        assertEquals(List.of(UPSTREAM_ANSWER), DnsTestClient.addresses(overUdp));
        assertEquals(1, upstream.udpQueries.get());
        assertEquals(0, upstream.tcpQueries.get());

        Message overTcp = client.tcp(DnsTestClient.query("example.com.", Type.A));
        assertEquals(List.of(UPSTREAM_ANSWER), DnsTestClient.addresses(overTcp));
        assertEquals(1, upstream.tcpQueries.get());
    }

    @Test
    void servfailWhenNoUpstreamAnswers() throws IOException, InterruptedException {
        upstream.close();
        Message overUdp = client.udp(DnsTestClient.query("example.com.", Type.A));
        assertEquals(Rcode.SERVFAIL, overUdp.getRcode());
        Message overTcp = client.tcp(DnsTestClient.query("example.com.", Type.A));
        assertEquals(Rcode.SERVFAIL, overTcp.getRcode());
    }

    @Test
    void manyRecordsAreTruncatedOverPlainUdpButNotOverEdnsOrTcp() throws IOException {
        for (int i = 1; i <= 100; i++) {
            add("many.weave.local.", "c" + i, "10.32.1." + i);
        }
        byte[] plain = client.udpRaw(DnsTestClient.query("many.weave.local.", Type.A).toWire());
        assertTrue(plain.length <= 512, "reply of " + plain.length + " bytes");
        Message truncated = new Message(plain);
        assertTrue(truncated.getHeader().getFlag(Flags.TC));
        int kept = DnsTestClient.addresses(truncated).size();
        assertTrue(kept > 0 && kept < 100, kept + " records kept");

        Message edns = client.udp(DnsTestClient.withEdns(DnsTestClient.query("many.weave.local.", Type.A), 4096));
        assertFalse(edns.getHeader().getFlag(Flags.TC));
        assertEquals(100, DnsTestClient.addresses(edns).size());

        Message small = client.udp(DnsTestClient.withEdns(DnsTestClient.query("many.weave.local.", Type.A), 1000));
        assertTrue(small.getHeader().getFlag(Flags.TC));
        assertTrue(small.toWire().length <= 1000);

        Message overTcp = client.tcp(DnsTestClient.query("many.weave.local.", Type.A));
        assertFalse(overTcp.getHeader().getFlag(Flags.TC));
        assertEquals(100, DnsTestClient.addresses(overTcp).size());
    }

    @Test
    void localNamesAreAnsweredOverTcpToo() throws IOException {
        add("web.weave.local.", "c1", "10.32.0.1");
        Message reply = client.tcp(DnsTestClient.query("web.weave.local.", Type.A));
        assertEquals(List.of("10.32.0.1"), DnsTestClient.addresses(reply));
    }

    @Test
    void aChangedResolvConfIsPickedUpAfterFiveSeconds() throws IOException, InterruptedException {
        try (FakeUpstream second = new FakeUpstream(new InetSocketAddress("127.0.0.3", upstreamPort), "198.51.100.9")) {
            Files.writeString(resolvConf, "nameserver 127.0.0.3\n");
            Files.setLastModifiedTime(resolvConf, FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
            clock.advance(Duration.ofSeconds(5));
            Message reply = client.udp(DnsTestClient.query("example.com.", Type.A));
            assertEquals(List.of("198.51.100.9"), DnsTestClient.addresses(reply));
            assertEquals(1, second.udpQueries.get());
        }
    }

    @Test
    void theApiTellsTheRealPortWhenPortZeroWasAskedFor() {
        String port = new FakeApiRoutes(dns.api()).call("GET", "/dns-address-port").bodyText();
        assertEquals("127.0.0.1:" + dns.address().getPort(), port);
        assertTrue(dns.address().getPort() > 0);
    }

    @Test
    void aMalformedQueryGetsFormerr() throws IOException {
        byte[] garbage = {0x12, 0x34, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 63, 'x'};
        Message reply = new Message(client.udpRaw(garbage));
        assertEquals(0x1234, reply.getHeader().getID());
        assertEquals(Rcode.FORMERR, reply.getRcode());
    }
}
