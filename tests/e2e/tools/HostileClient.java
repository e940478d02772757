import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Throws malformed, oversized and slow requests at every route of a weft router's HTTP API, and
 * malformed DNS packets (UDP and TCP) at weaveDNS, for a bounded time; then prints what it sent and
 * what came back. It asserts nothing: the suite checks the router afterwards.
 *
 * <p>A request to a route that changes state (allocate, free, reset, attach, expose, connect, DNS
 * deletions) is only ever sent in a form the router must refuse before its handler runs (bad
 * escapes, too large, cut short, never finished) or with values it must reject (an invalid IP or
 * subnet, an owner or container that does not exist), so that a router that behaves leaves every
 * allocation as it was.
 *
 * <p>Usage (JDK 17, no other dependency): {@code java HostileClient.java --api 127.0.0.1:6784
 * --dns 172.17.0.1:53 [--seconds 20] [--seed N]}
 */
public final class HostileClient {
    private static final String FORM = "Content-Type: application/x-www-form-urlencoded\r\n";

    /**
     * How a route may be attacked: {@code READ} with anything; {@code REJECTS_INVALID} with values it
     * must refuse (no such owner or container, an invalid address); {@code NEVER_VALID} (where any id
     * or no parameter at all is valid and changes state: allocate, reset, delete all names, connect)
     * only with a request target that cannot be parsed, whatever else the attack does.
     */
    private enum Kind { READ, REJECTS_INVALID, NEVER_VALID }

    private record Route(String method, String pattern, Kind kind) {}

    private static final List<Route> ROUTES = List.of(
            new Route("GET", "/status", Kind.READ), new Route("GET", "/status/{sub}", Kind.READ),
            new Route("GET", "/report", Kind.READ), new Route("GET", "/metrics", Kind.READ),
            new Route("GET", "/proxyaddrs", Kind.READ), new Route("GET", "/ip", Kind.READ),
            new Route("GET", "/ip/{id}", Kind.READ), new Route("GET", "/ip/{id}/{ip}/{len}", Kind.READ),
            new Route("GET", "/ring", Kind.READ), new Route("GET", "/ipinfo/defaultsubnet", Kind.READ),
            new Route("GET", "/ipinfo/tracker", Kind.READ), new Route("GET", "/domain", Kind.READ),
            new Route("GET", "/dns-address", Kind.READ), new Route("GET", "/dns-address-port", Kind.READ),
            new Route("GET", "/name", Kind.READ), new Route("GET", "/weft/ps", Kind.READ),
            new Route("GET", "/weft/container/{container}", Kind.READ), new Route("GET", "/weft/notices", Kind.READ),
            new Route("POST", "/expose/{ip}/{len}", Kind.REJECTS_INVALID),
            new Route("DELETE", "/expose/{ip}/{len}", Kind.REJECTS_INVALID),
            new Route("DELETE", "/peer/{name}", Kind.REJECTS_INVALID),
            new Route("POST", "/ip/{id}/{ip}/{len}", Kind.REJECTS_INVALID),
            new Route("PUT", "/ip/{id}/{ip}/{len}", Kind.REJECTS_INVALID),
            new Route("DELETE", "/ip/{id}/{ip}", Kind.REJECTS_INVALID),
            new Route("DELETE", "/ip/{id}", Kind.REJECTS_INVALID),
            new Route("PUT", "/name/{id}/{ip}", Kind.REJECTS_INVALID),
            new Route("DELETE", "/name/{id}/{ip}", Kind.REJECTS_INVALID),
            new Route("DELETE", "/name/{id}", Kind.REJECTS_INVALID),
            new Route("POST", "/weft/attach/{container}", Kind.REJECTS_INVALID),
            new Route("POST", "/weft/detach/{container}", Kind.REJECTS_INVALID),
            new Route("POST", "/connect", Kind.NEVER_VALID), new Route("POST", "/forget", Kind.NEVER_VALID),
            new Route("DELETE", "/peer", Kind.NEVER_VALID), new Route("POST", "/ip/{id}", Kind.NEVER_VALID),
            new Route("DELETE", "/name", Kind.NEVER_VALID));

    private final InetSocketAddress api;
    private final InetSocketAddress dns;
    private final long deadline;
    private final long seed;
    private final Map<String, Map<String, AtomicLong>> tally = new ConcurrentHashMap<>();

    private HostileClient(InetSocketAddress api, InetSocketAddress dns, long seconds, long seed) {
        this.api = api;
        this.dns = dns;
        this.deadline = System.nanoTime() + seconds * 1_000_000_000L;
        this.seed = seed;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new TreeMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i], args[i + 1]);
        }
        if (!opts.containsKey("--api") || !opts.containsKey("--dns")) {
            System.err.println("usage: java HostileClient.java --api HOST:PORT --dns HOST:PORT [--seconds N] [--seed N]");
            System.exit(2);
        }
        HostileClient client = new HostileClient(address(opts.get("--api")), address(opts.get("--dns")),
                Long.parseLong(opts.getOrDefault("--seconds", "20")), Long.parseLong(opts.getOrDefault("--seed", "1")));
        client.run();
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    private boolean timeLeft() {
        return System.nanoTime() < deadline;
    }

    private void count(String attack, String outcome) {
        tally.computeIfAbsent(attack, a -> new ConcurrentHashMap<>()).computeIfAbsent(outcome, o -> new AtomicLong())
                .incrementAndGet();
    }

    private void run() throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            long s = seed * 31 + i;
            threads.add(new Thread(() -> httpAttacks(new Random(s)), "http-" + i));
        }
        threads.add(new Thread(this::slowloris, "slowloris"));
        threads.add(new Thread(() -> dnsUdp(new Random(seed * 7)), "dns-udp"));
        threads.add(new Thread(() -> dnsTcp(new Random(seed * 11)), "dns-tcp"));
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        new TreeMap<>(tally).forEach((attack, outcomes) -> {
            Map<String, Long> sorted = new TreeMap<>();
            outcomes.forEach((o, n) -> sorted.put(o, n.get()));
            System.out.println("hostile: " + attack + " " + sorted);
        });
    }

    // ---- HTTP ------------------------------------------------------------------------------

    private interface Attack extends Function<Route, byte[]> {}

    private void httpAttacks(Random random) {
        Map<String, Attack> attacks = httpAttackKinds(random);
        List<String> names = new ArrayList<>(attacks.keySet());
        while (timeLeft()) {
            Route route = ROUTES.get(random.nextInt(ROUTES.size()));
            String name = names.get(random.nextInt(names.size()));
            if (name.equals("fuzzed-values") && route.kind() != Kind.READ) {
                name = "invalid-values";
            }
            byte[] request = attacks.get(name).apply(route);
            count("http-" + name, send(request, name.equals("cut-short")));
        }
    }

    private Map<String, Attack> httpAttackKinds(Random random) {
        Map<String, Attack> a = new TreeMap<>();
        a.put("bad-escape", r -> ascii(r.method() + " " + target(r, p -> "%zz" + p) + "?peer=%G1 HTTP/1.1\r\n"
                + "Host: x\r\n\r\n"));
        a.put("bad-form-escape", r -> {
            String body = "peer=%zz&addr=%";
            return ascii(r.method() + " " + target(r, p -> "bad%ZZ") + " HTTP/1.1\r\nHost: x\r\n" + FORM
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body);
        });
        a.put("huge-body", r -> {
            String body = "peer=" + "a".repeat(70_000);
            return ascii(r.method() + " " + target(r, this::invalidValue) + " HTTP/1.1\r\nHost: x\r\n" + FORM
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body);
        });
        a.put("huge-chunked", r -> {
            StringBuilder sb = new StringBuilder(r.method() + " " + target(r, this::invalidValue)
                    + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n" + FORM + "\r\n");
            for (int i = 0; i < 10; i++) {
                sb.append("2000\r\n").append("b".repeat(0x2000)).append("\r\n");
            }
            return ascii(sb.append("0\r\n\r\n").toString());
        });
        a.put("expect-huge", r -> ascii(r.method() + " " + target(r, this::invalidValue)
                + " HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n" + FORM + "Content-Length: 999999999\r\n\r\n"));
        a.put("huge-uri", r -> ascii(r.method() + " " + target(r, this::invalidValue) + "?x="
                + "y".repeat(12_000) + " HTTP/1.1\r\nHost: x\r\n\r\n"));
        a.put("huge-header", r -> ascii(r.method() + " " + target(r, this::invalidValue)
                + " HTTP/1.1\r\nHost: x\r\nX-Junk: " + "z".repeat(20_000) + "\r\n\r\n"));
        a.put("many-headers", r -> {
            StringBuilder sb = new StringBuilder(r.method() + " " + target(r, this::invalidValue)
                    + " HTTP/1.1\r\nHost: x\r\n");
            for (int i = 0; i < 3000; i++) {
                sb.append("X-").append(i).append(": v\r\n");
            }
            return ascii(sb.append("\r\n").toString());
        });
        a.put("cut-short", r -> ascii(r.method() + " " + target(r, p -> "hostile-" + p)
                + " HTTP/1.1\r\nHost: x\r\n" + FORM + "Content-Length: 64\r\n\r\npeer=a"));
        a.put("bad-content-length", r -> ascii(r.method() + " " + target(r, p -> "hostile-" + p)
                + " HTTP/1.1\r\nHost: x\r\n" + FORM + "Content-Length: " + (random.nextBoolean() ? "-7" : "12, 13")
                + "\r\nContent-Length: 99\r\n\r\npeer=a"));
        a.put("bad-chunks", r -> ascii(r.method() + " " + target(r, p -> "hostile-" + p)
                + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n" + FORM + "\r\nzz\r\npeer=a\r\n0\r\n\r\n"));
        a.put("bad-version", r -> ascii(r.method() + " " + target(r, p -> "hostile-" + p)
                + " HTTP/7.3\r\nHost: x\r\n\r\n"));
        a.put("garbage", r -> {
            byte[] junk = new byte[1 + random.nextInt(3000)];
            random.nextBytes(junk);
            return junk;
        });
        a.put("nul-and-controls", r -> ascii(r.method() + " " + target(r, p -> "a\u0000b")
                + " HTTP/1.1\r\nHost: \u0001\u0002\r\nX: \u0000\r\n\r\n"));
        a.put("pipelined-flood", r -> ascii(("GET /status HTTP/1.1\r\nHost: x\r\n\r\n").repeat(40)));
        a.put("invalid-values", r -> {
            String body = r.kind() == Kind.NEVER_VALID ? "peer=%zz" : "fqdn=hostile.weave.local.&addr=300.1.1.1/77";
            return ascii(r.method() + " " + target(r, this::invalidValue) + " HTTP/1.1\r\nHost: x\r\n" + FORM
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body);
        });
        a.put("fuzzed-values", r -> ascii(r.method() + " " + target(r, p -> fuzz(random))
                + "?format=" + fuzz(random) + "&container=" + fuzz(random) + " HTTP/1.1\r\nHost: x\r\n"
                + "Accept: application/json\r\n\r\n"));
        return a;
    }

    /** Values every mutating route must refuse: no such owner or container, no valid address or length. */
    private String invalidValue(String placeholder) {
        return switch (placeholder) {
            case "ip" -> "300.1.2.999";
            case "len" -> "77";
            case "id", "container", "name" -> "hostile-nonexistent-" + Long.toHexString(System.nanoTime());
            default -> "hostile-" + placeholder;
        };
    }

    private static String fuzz(Random random) {
        String[] pieces = {"%7B%7B.Router.Name%7D%7D", "%7B%7Brange%20.%7D%7D", "%7B%7B", "10.32.0.1", "..", "%2F",
            "weave%3Aexpose", "%E2%98%83", "x".repeat(200), "-1", "99999999999999999999", "%7B%7Bjson%20.%7D%7D",
            "%7B%7Bprintf%20%22%25999999d%22%201%7D%7D", "%00"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            sb.append(pieces[random.nextInt(pieces.length)]);
        }
        return sb.toString();
    }

    /** The request target: the route's path with its placeholders filled, never parseable for a NEVER_VALID route. */
    private static String target(Route route, Function<String, String> value) {
        String path = fill(route.pattern(), value);
        return route.kind() == Kind.NEVER_VALID ? path + "?hostile=%zz" : path;
    }

    private static String fill(String pattern, Function<String, String> value) {
        StringBuilder sb = new StringBuilder();
        for (String segment : pattern.substring(1).split("/")) {
            sb.append('/');
            sb.append(segment.startsWith("{") ? value.apply(segment.substring(1, segment.length() - 1)) : segment);
        }
        return sb.toString();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Sends one request and returns the status of the first answer, or what happened instead. */
    private String send(byte[] request, boolean halfClose) {
        try (Socket socket = new Socket()) {
            socket.connect(api, 2000);
            socket.setSoTimeout(3000);
            OutputStream out = socket.getOutputStream();
            try {
                for (int off = 0; off < request.length; off += 8192) {
                    out.write(request, off, Math.min(8192, request.length - off));
                }
                out.flush();
                if (halfClose) {
                    socket.shutdownOutput();
                }
            } catch (IOException e) {
                // the router stopped reading (e.g. after a 413): its answer may still be there
            }
            return status(socket.getInputStream());
        } catch (java.net.SocketTimeoutException e) {
            return "timeout";
        } catch (IOException e) {
            return "io-error";
        }
    }

    private static String status(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n' && head.size() < 200) {
            head.write(b);
        }
        String line = head.toString(StandardCharsets.ISO_8859_1);
        if (line.isEmpty()) {
            return "closed";
        }
        String[] parts = line.split(" ");
        return parts.length > 1 ? parts[1] : "odd";
    }

    // ---- slowloris ---------------------------------------------------------------------------

    /** Keeps up to 300 connections each sending its request one byte a second, never finishing it. */
    private void slowloris() {
        List<Socket> open = new ArrayList<>();
        byte[] start = ascii("POST /ip/hostile-slow HTTP/1.1\r\nHost: x\r\n" + FORM + "X-Slow: ");
        while (timeLeft()) {
            while (open.size() < 300) {
                try {
                    Socket s = new Socket();
                    s.connect(api, 1000);
                    s.getOutputStream().write(start);
                    open.add(s);
                    count("slowloris", "opened");
                } catch (IOException e) {
                    count("slowloris", "refused");
                    break;
                }
            }
            List<Socket> dropped = new ArrayList<>();
            for (Socket s : open) {
                try {
                    s.getOutputStream().write('a');
                    if (s.getInputStream().available() > 0) {
                        count("slowloris", "answered-" + status(s.getInputStream()));
                        dropped.add(s);
                    }
                } catch (IOException e) {
                    count("slowloris", "cut-off");
                    dropped.add(s);
                }
            }
            dropped.forEach(HostileClient::closeQuietly);
            open.removeAll(dropped);
            sleep(1000);
        }
        open.forEach(HostileClient::closeQuietly);
    }

    // ---- DNS ----------------------------------------------------------------------------------

    private void dnsUdp(Random random) {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(50);
            byte[] answer = new byte[4096];
            while (timeLeft()) {
                byte[] packet = malformedDns(random);
                socket.send(new DatagramPacket(packet, packet.length, dns));
                count("dns-udp", "sent");
                try {
                    socket.receive(new DatagramPacket(answer, answer.length));
                    count("dns-udp", "answered");
                } catch (java.net.SocketTimeoutException e) {
                    // no answer to garbage is fine
                }
            }
        } catch (IOException e) {
            count("dns-udp", "io-error");
        }
    }

    private void dnsTcp(Random random) {
        while (timeLeft()) {
            try (Socket socket = new Socket()) {
                socket.connect(dns, 1000);
                socket.setSoTimeout(2000);
                OutputStream out = socket.getOutputStream();
                switch (random.nextInt(5)) {
                    case 0 -> out.write(new byte[] {0, 0});                       // empty query
                    case 1 -> out.write(new byte[] {(byte) 0xff, (byte) 0xff, 1, 2, 3}); // promises 64 KiB, sends 3
                    case 2 -> {                                                   // a query, one byte at a time
                        byte[] q = framed(validQuery(random, "slow.weave.local."));
                        for (int i = 0; i < q.length && timeLeft(); i++) {
                            out.write(q[i]);
                            sleep(300);
                        }
                    }
                    case 3 -> {                                                   // malformed queries back to back
                        for (int i = 0; i < 20; i++) {
                            out.write(framed(malformedDns(random)));
                        }
                    }
                    default -> {                                                  // junk instead of framing
                        byte[] junk = new byte[random.nextInt(500)];
                        random.nextBytes(junk);
                        out.write(junk);
                    }
                }
                out.flush();
                count("dns-tcp", "sent-" + (socket.getInputStream().read() < 0 ? "closed" : "answered"));
            } catch (IOException e) {
                count("dns-tcp", "io-error");
            }
        }
    }

    private static byte[] framed(byte[] message) {
        return ByteBuffer.allocate(2 + message.length).putShort((short) message.length).put(message).array();
    }

    private static byte[] malformedDns(Random random) {
        ByteBuffer b = ByteBuffer.allocate(600);
        b.putShort((short) random.nextInt()).putShort((short) 0x0100);
        switch (random.nextInt(9)) {
            case 0 -> {                                   // random bytes, any length
                byte[] junk = new byte[random.nextInt(600)];
                random.nextBytes(junk);
                return junk;
            }
            case 1 -> {                                   // shorter than a header
                return new byte[] {1, 2, 3, 4, 5};
            }
            case 2 -> {                                   // one question promised, none there
                b.putShort((short) 1).putShort((short) 0).putShort((short) 0).putShort((short) 0);
            }
            case 3 -> {                                   // a name that points at itself
                b.putShort((short) 1).putShort((short) 0).putShort((short) 0).putShort((short) 0);
                b.put((byte) 0xc0).put((byte) 12).putShort((short) 1).putShort((short) 1);
            }
            case 4 -> {                                   // labels past the 255-byte name limit
                b.putShort((short) 1).putShort((short) 0).putShort((short) 0).putShort((short) 0);
                for (int i = 0; i < 6; i++) {
                    b.put((byte) 63).put("a".repeat(63).getBytes(StandardCharsets.US_ASCII));
                }
                b.put((byte) 0).putShort((short) 1).putShort((short) 1);
            }
            case 5 -> {                                   // 65535 questions promised, one given
                b.putShort((short) 0xffff).putShort((short) 0).putShort((short) 0).putShort((short) 0);
                name(b, "web.weave.local.");
                b.putShort((short) 1).putShort((short) 1);
            }
            case 6 -> {                                   // a response sent to the server, opcode UPDATE
                b.position(2);
                b.putShort((short) 0xa800).putShort((short) 1).putShort((short) 1).putShort((short) 0).putShort((short) 0);
                name(b, "web.weave.local.");
                b.putShort((short) 1).putShort((short) 1);
            }
            case 7 -> {                                   // an EDNS record full of junk options
                b.putShort((short) 1).putShort((short) 0).putShort((short) 0).putShort((short) 1);
                name(b, "web.weave.local.");
                b.putShort((short) 1).putShort((short) 1);
                b.put((byte) 0).putShort((short) 41).putShort((short) 65535).putInt(0).putShort((short) 40);
                byte[] junk = new byte[40];
                random.nextBytes(junk);
                b.put(junk);
            }
            default -> {                                  // a valid query with trailing junk
                byte[] q = validQuery(random, "web.weave.local.");
                return ByteBuffer.allocate(q.length + 30).put(q).put(new byte[30]).array();
            }
        }
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    private static byte[] validQuery(Random random, String name) {
        ByteBuffer b = ByteBuffer.allocate(300);
        b.putShort((short) random.nextInt()).putShort((short) 0x0100).putShort((short) 1)
                .putShort((short) 0).putShort((short) 0).putShort((short) 0);
        name(b, name);
        b.putShort((short) 1).putShort((short) 1);
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    private static void name(ByteBuffer b, String name) {
        for (String label : name.split("\\.")) {
            if (!label.isEmpty()) {
                b.put((byte) label.length()).put(label.getBytes(StandardCharsets.US_ASCII));
            }
        }
        b.put((byte) 0);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
