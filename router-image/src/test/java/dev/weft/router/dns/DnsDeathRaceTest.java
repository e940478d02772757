package dev.weft.router.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.router.testing.MutableClock;
import dev.weft.weaveutil.addr.Ipv4;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * A container's death event may be processed after the container was restarted and attached again
 * ({@code docker restart web; weave attach web}): the engine, not the event, decides whether its
 * names go.
 */
class DnsDeathRaceTest {
    private static final Ipv4 IP = Ipv4.parse("10.32.0.5");
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    private WeaveDns dns() throws IOException {
        DnsConfig config = new DnsConfig(new DnsDomain("weave.local."),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1, null, Duration.ofSeconds(1), "peerA", 53);
        WeaveDns dns = WeaveDns.create(config, DnsRecordStore.NONE, running::contains,
                new MutableClock(Instant.parse("2026-01-01T00:00:00Z")));
        dns.start();
        return dns;
    }

    @Test
    void aLateDeathEventOfARestartedContainerKeepsItsNewNames() throws Exception {
        try (WeaveDns dns = dns()) {
            running.add("web");
            dns.table().add("web.weave.local.", "web", IP); // attached again after the restart
            dns.died("web");                                 // the old life's event, processed late
            dns.awaitIdle();
            assertEquals(List.of(IP), dns.table().index().addresses("web.weave.local."));
        }
    }

    @Test
    void aDeathEventOfAStoppedContainerRemovesItsNames() throws Exception {
        try (WeaveDns dns = dns()) {
            dns.table().add("web.weave.local.", "web", IP);
            dns.died("web");
            dns.awaitIdle();
            assertEquals(List.of(), dns.table().index().addresses("web.weave.local."));
        }
    }
}
