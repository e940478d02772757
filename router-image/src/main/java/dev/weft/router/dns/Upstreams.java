package dev.weft.router.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The upstream servers from resolv.conf, in file order, minus our own listen address. The file is
 * looked at no more than every 5 seconds and parsed again only when its modification time changed.
 */
public final class Upstreams {
    static final Duration RECHECK_INTERVAL = Duration.ofSeconds(5);

    private final Path resolvConf;
    private final InetSocketAddress ourAddress;
    private final int port;
    private final Clock clock;
    private Instant lastCheck;
    private FileTime lastModified;
    private volatile List<InetSocketAddress> servers = List.of();

    public Upstreams(Path resolvConf, InetSocketAddress ourAddress, int port, Clock clock) {
        this.resolvConf = resolvConf;
        this.ourAddress = ourAddress;
        this.port = port;
        this.clock = clock;
    }

    public List<InetSocketAddress> current() {
        if (resolvConf != null) {
            refreshIfDue();
        }
        return servers;
    }

    private synchronized void refreshIfDue() {
        Instant now = clock.instant();
        if (lastCheck != null && now.isBefore(lastCheck.plus(RECHECK_INTERVAL))) {
            return;
        }
        lastCheck = now;
        FileTime modified;
        try {
            modified = Files.getLastModifiedTime(resolvConf);
        } catch (IOException e) {
            servers = List.of();
            lastModified = null;
            return;
        }
        if (modified.equals(lastModified)) {
            return;
        }
        try {
            servers = parse(Files.readAllLines(resolvConf));
            lastModified = modified;
        } catch (IOException e) {
            servers = List.of();
            lastModified = null;
        }
    }

    List<InetSocketAddress> parse(List<String> lines) {
        List<InetSocketAddress> result = new ArrayList<>();
        for (String line : lines) {
            String[] words = line.trim().split("\\s+");
            if (words.length < 2 || !words[0].equals("nameserver") || !IpLiterals.isLiteral(words[1])) {
                continue;
            }
            InetSocketAddress server = new InetSocketAddress(IpLiterals.parse(words[1]), port);
            if (!server.equals(ourAddress) && !result.contains(server)) {
                result.add(server);
            }
        }
        return List.copyOf(result);
    }
}
