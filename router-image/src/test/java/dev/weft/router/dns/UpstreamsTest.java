package dev.weft.router.dns;

import dev.weft.router.testing.MutableClock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpstreamsTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    @TempDir
    Path dir;

    private static InetSocketAddress at(String ip) {
        return new InetSocketAddress(IpLiterals.parse(ip), 53);
    }

    @Test
    void readsNameserversInOrderWithoutOurOwnAddress() throws IOException {
        Path resolv = dir.resolve("resolv.conf");
        Files.writeString(resolv, """
                # comment
                search example.com
                nameserver 172.17.0.1
                nameserver 10.0.0.2
                nameserver fd00::1
                nameserver not-an-ip
                nameserver 10.0.0.3
                """);
        Upstreams upstreams = new Upstreams(resolv, at("172.17.0.1"), 53, clock);
        assertEquals(List.of(at("10.0.0.2"), at("fd00::1"), at("10.0.0.3")), upstreams.current());
    }

    @Test
    void rereadsAChangedFileAtMostEveryFiveSeconds() throws IOException {
        Path resolv = dir.resolve("resolv.conf");
        Files.writeString(resolv, "nameserver 10.0.0.2\n");
        Files.setLastModifiedTime(resolv, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        Upstreams upstreams = new Upstreams(resolv, at("172.17.0.1"), 53, clock);
        assertEquals(List.of(at("10.0.0.2")), upstreams.current());

        Files.writeString(resolv, "nameserver 10.0.0.9\n");
        Files.setLastModifiedTime(resolv, FileTime.from(Instant.parse("2026-01-01T00:00:01Z")));
        clock.advance(Duration.ofSeconds(4));
        assertEquals(List.of(at("10.0.0.2")), upstreams.current(), "checked again too soon");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of(at("10.0.0.9")), upstreams.current());
    }

    @Test
    void anUnchangedModificationTimeKeepsTheOldList() throws IOException {
        Path resolv = dir.resolve("resolv.conf");
        FileTime fixed = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));
        Files.writeString(resolv, "nameserver 10.0.0.2\n");
        Files.setLastModifiedTime(resolv, fixed);
        Upstreams upstreams = new Upstreams(resolv, at("172.17.0.1"), 53, clock);
        upstreams.current();
        Files.writeString(resolv, "nameserver 10.0.0.9\n");
        Files.setLastModifiedTime(resolv, fixed);
        clock.advance(Duration.ofSeconds(10));
        assertEquals(List.of(at("10.0.0.2")), upstreams.current());
    }

    @Test
    void aMissingFileMeansNoUpstreams() {
        Upstreams upstreams = new Upstreams(dir.resolve("absent"), at("172.17.0.1"), 53, clock);
        assertEquals(List.of(), upstreams.current());
    }
}
