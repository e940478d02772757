package dev.weft.router.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.api.BackgroundFailures;
import dev.weft.router.testing.MutableClock;
import dev.weft.weaveutil.addr.Ipv4;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** weaveDNS's background work (tombstone purge, container deaths, socket loops) fails loudly and keeps going. */
class DnsBackgroundFailuresTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final BackgroundFailures failures = new BackgroundFailures();
    private final AtomicBoolean diskFull = new AtomicBoolean();
    private final DnsRecordStore store = new DnsRecordStore() {
        @Override
        public List<DnsRecord> load() {
            return List.of();
        }

        @Override
        public void write(Collection<DnsRecord> upserts, Collection<DnsRecord> removals) {
            if (diskFull.get()) {
                throw new IllegalStateException("No space left on device");
            }
        }
    };

    private WeaveDns dns() {
        DnsConfig config = new DnsConfig(new DnsDomain("weave.local."),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1, null, Duration.ofSeconds(1), "peerA", 53);
        return WeaveDns.create(config, store, id -> false, clock, failures);
    }

    @Test
    void aFailedPurgeIsCountedAndTheNextOneStillRuns() {
        try (WeaveDns dns = dns()) {
            dns.table().add("web.weave.local.", "c1", Ipv4.parse("10.32.0.1"));
            dns.table().delete(null, "c1", null);
            clock.advance(Duration.ofMinutes(31));
            diskFull.set(true);
            dns.purgeInBackground();
            assertEquals(1, failures.count(BackgroundFailures.DNS_PURGE));
            diskFull.set(false);
            dns.purgeInBackground();
            assertEquals(1, failures.count(BackgroundFailures.DNS_PURGE));
            assertTrue(dns.table().records().isEmpty(), "purged on the next round");
        }
    }

    @Test
    void aFailedDeathIsCounted() throws IOException, InterruptedException {
        try (WeaveDns dns = dns()) {
            dns.start();
            dns.table().add("web.weave.local.", "c1", Ipv4.parse("10.32.0.1"));
            diskFull.set(true);
            dns.died("c1");
            dns.awaitIdle();
            assertEquals(1, failures.count(BackgroundFailures.CONTAINER_DEATH));
        }
    }

    @Test
    void aSocketThatKeepsFailingIsRetriedWithPausesNotSpun() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        AtomicBoolean closed = new AtomicBoolean();
        Thread loop = new Thread(() -> new SocketLoop("DNS UDP receive", closed::get, failures).run(() -> {
            attempts.incrementAndGet();
            throw new IOException("No buffer space available");
        }));
        loop.start();
        Thread.sleep(1000);
        closed.set(true);
        loop.join(3000);
        // pauses of 10, 20, 40 ... ms: about 8 attempts in the first second; a spinning loop makes millions
        assertTrue(attempts.get() >= 3 && attempts.get() <= 12, "attempts: " + attempts.get());
        assertEquals(attempts.get(), failures.count(BackgroundFailures.DNS_SOCKET));
        assertTrue(!loop.isAlive(), "the loop ends once closed");
    }

    @Test
    void aSuccessEndsThePauses() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        AtomicBoolean closed = new AtomicBoolean();
        new SocketLoop("DNS TCP accept", closed::get, failures).run(() -> {
            int n = attempts.incrementAndGet();
            if (n % 2 == 1) {
                throw new IOException("Too many open files");
            }
            if (n >= 20) {
                closed.set(true);
            }
        });
        assertEquals(10, failures.count(BackgroundFailures.DNS_SOCKET), "each failure counted; pauses stayed short");
    }
}
