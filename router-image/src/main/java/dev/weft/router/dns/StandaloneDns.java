package dev.weft.router.dns;

import dev.weft.router.api.ContainerLiveness;
import dev.weft.weaveutil.addr.Ipv4;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * weaveDNS alone, without the router, for benchmarks: serves the names of a file (lines of
 * {@code <hostname> <ip> [<container id>]}) from memory until killed.
 *
 * <pre>java -cp ... dev.weft.router.dns.StandaloneDns --listen 127.0.0.1:53 --names FILE
 *     [--domain weave.local.] [--ttl 1] [--resolv-conf PATH] [--peer NAME]</pre>
 */
public final class StandaloneDns {
    private StandaloneDns() {}

    public static void main(String[] args) throws InterruptedException {
        WeaveDns dns;
        try {
            dns = fromArguments(args);
            dns.start();
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("standalone-dns: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println("weaveDNS listening on " + dns.address() + " with "
                + dns.table().index().liveCount() + " names");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dns.close();
            stopped.countDown();
        }));
        stopped.await();
    }

    static WeaveDns fromArguments(String[] args) throws IOException {
        String listen = null;
        String names = null;
        String domain = DnsConfig.DEFAULT_DOMAIN;
        int ttl = DnsConfig.DEFAULT_TTL;
        Path resolvConf = null;
        String peer = "standalone";
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + flag);
            }
            String value = args[++i];
            switch (flag) {
                case "--listen" -> listen = value;
                case "--names" -> names = value;
                case "--domain" -> domain = value;
                case "--ttl" -> ttl = parseTtl(value);
                case "--resolv-conf" -> resolvConf = Path.of(value);
                case "--peer" -> peer = value;
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        if (listen == null || names == null) {
            throw new IllegalArgumentException("--listen <ip:port> and --names <file> are required");
        }
        DnsConfig config = new DnsConfig(domain, DnsConfig.parseListenAddress("--listen", listen), ttl, resolvConf,
                DnsConfig.DEFAULT_FALLBACK_TIMEOUT, peer);
        WeaveDns dns = WeaveDns.create(config, DnsRecordStore.NONE, ContainerLiveness.ALWAYS, Clock.systemUTC());
        load(dns.table(), Path.of(names));
        return dns;
    }

    private static void load(DnsTable table, Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.split("\\s+");
            if (words.length < 2 || !Ipv4.isValid(words[1])) {
                throw new IllegalArgumentException(file + ":" + (n + 1) + ": want <hostname> <ip> [<container id>]");
            }
            String owner = words.length > 2 ? words[2] : "weave:extern";
            if (!table.add(words[0], owner, Ipv4.parse(words[1]))) {
                throw new IllegalArgumentException(file + ":" + (n + 1) + ": " + words[0] + " is outside "
                        + table.domain());
            }
        }
    }

    private static int parseTtl(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid --ttl: " + value);
        }
    }
}
