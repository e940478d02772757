package dev.weft.router.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WeaverTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private DaemonConfig started;

    /** Parses as {@code main} does: with picocli's closure and java.sql/java.time converter look-ups off. */
    @BeforeAll
    static void parseAsMainDoes() {
        Weaver.skipPicocliLookups();
    }

    private int run(String... args) {
        Weaver weaver = new Weaver(config -> {
            started = config;
            return 0;
        }, null);
        return Weaver.execute(weaver, args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void versionPrintsTheBuildVersion() {
        assertEquals(0, run("--version"));
        assertEquals("weave 0.1.0\n", out.toString());
        assertNull(started);
    }

    @Test
    void helpListsTheOptionsInOrderWithTheirDefaultsButNotTheHiddenOne() {
        assertEquals(0, run("--help"));
        String usage = out.toString();
        assertTrue(usage.startsWith("Usage: weaver [-h]"), usage);
        assertTrue(usage.contains("--port=<port>         Router port (default 6783)"), usage);
        assertTrue(usage.contains("--iprange, --ipalloc-range=<ipalloc-range>"), usage);
        assertTrue(usage.indexOf("--host=<host>") < usage.indexOf("--log-level=<log-level>"), "declaration order");
        assertFalse(usage.contains("--restart-sentinel"), usage);
        assertNull(started);
    }

    @Test
    void printPeerNameUsesTheDerivedName() {
        assertEquals(0, run("--print-peer-name", "--name", "8a::1"));
        assertEquals("8a:00:00:00:00:01\n", out.toString());
    }

    @Test
    void launchStyleArgumentsAreAcceptedWithDefaults() {
        assertEquals(0, run("--port", "6783", "--nickname", "host1", "--host-root=/host", "--docker-bridge", "docker0",
                "--weave-bridge", "weave", "--datapath", "datapath", "--ipalloc-range", "10.32.0.0/12",
                "--dns-listen-address", "172.17.0.1:53", "--http-addr", "127.0.0.1:6784", "--status-addr",
                "127.0.0.1:6782", "--resolv-conf", "/var/run/weave/etc/resolv.conf",
                "-H", "unix:///var/run/weave/weave.sock", "--plugin", "--proxy", "--name", "8a:3e:3e:3e:3e:3e"),
                err.toString());
        assertEquals("", err.toString());
        assertEquals("8a:3e:3e:3e:3e:3e(host1)", started.identity().display());
        assertEquals("10.32.0.0/12", started.ipam().range().toString());
        assertEquals("10.32.0.0/12", started.ipam().defaultSubnet().toString());
        assertEquals(6784, started.httpAddress().port());
        assertEquals(6782, started.statusAddress().port());
        assertNull(started.metricsAddress());
        assertEquals(Duration.ofSeconds(5), started.dns().fallbackTimeout());
        assertEquals("/weavedb/weavedata.db", started.dataFile().toString());
    }

    @Test
    void peersBecomeTargetsAndGoStyleSingleDashFlagsWork() {
        assertEquals(0, run("-name", "::2", "-nickname=n", "10.0.0.2", "host3:6783", "--no-dns", "--plugin=false"));
        assertEquals(List.of("10.0.0.2", "host3:6783"), started.peers());
        assertEquals("00:00:00:00:00:02(n)", started.identity().display());
        assertNull(started.dns());
    }

    @Test
    void laterValuesWinSoUserFlagsOverrideLaunchDefaults() {
        assertEquals(0, run("--name", "::1", "--ipalloc-range", "10.32.0.0/12", "--ipalloc-range", "10.2.0.0/16"));
        assertEquals("10.2.0.0/16", started.ipam().range().toString());
    }

    @Test
    void badIpallocRangeIsOneClearLineAndExit1() {
        assertEquals(1, run("--name", "::1", "--ipalloc-range", "10.0.0.0/33"));
        assertEquals("weaver: --ipalloc-range: invalid CIDR address: 10.0.0.0/33\n", err.toString());
        assertNull(started);
    }

    @Test
    void anMtuOutsideWhatTheDataPlaneCarriesIsOneClearLineAndExit1() {
        assertEquals(1, run("--name", "::1", "--mtu", "70000"));
        assertEquals("weaver: --mtu 70000: must be between 576 and 65485\n", err.toString());
        assertNull(started);
        assertEquals(0, run("--name", "::1", "--mtu", "9000"));
        assertEquals(9000, started.mtu());
    }

    @Test
    void rangeWithHostBitsAndTooSmallRangesGiveTheOriginalMessages() {
        assertEquals(1, run("--name", "::1", "--ipalloc-range", "10.32.0.1/12"));
        assertEquals("weaver: --ipalloc-range: invalid subnet - bits after network prefix are not all zero: "
                + "10.32.0.1/12\n", err.toString());
        StringWriter e2 = new StringWriter();
        assertEquals(1, Weaver.execute(new Weaver(c -> 0, null), new String[] {"--name", "::1", "--ipalloc-range",
                "10.0.0.0/31"}, new PrintWriter(new StringWriter()), new PrintWriter(e2, true)));
        assertEquals("weaver: --ipalloc-range: invalid subnet - smaller than minimum size 4: 10.0.0.0/31\n",
                e2.toString());
    }

    @Test
    void emptyRangeDisablesIpamButDefaultSubnetThenIsAnError() {
        assertEquals(0, run("--name", "::1", "--ipalloc-range", ""));
        assertNull(started.ipam());
        started = null;
        assertEquals(1, run("--name", "::1", "--ipalloc-range=", "--ipalloc-default-subnet", "10.2.0.0/16"));
        assertEquals("weaver: --ipalloc-default-subnet needs an --ipalloc-range\n", err.toString());
    }

    @Test
    void otherBadValuesAreOneLineEach() {
        assertOneLineError("weaver: Unknown option: '--bogus'", "--bogus");
        assertOneLineError("weaver: --dns-listen-address /run/dns.sock: expected host:port, not a unix socket",
                "--name", "::1", "--dns-listen-address", "/run/dns.sock");
        assertOneLineError("weaver: --log-level verbose: expected debug, info, warning or error",
                "--log-level", "verbose");
        assertOneLineError("weaver: invalid peer name: nope (expected a MAC address such as 8a:3e:3e:3e:3e:3e)",
                "--name", "nope");
        assertOneLineError("weaver: --dns-listen-address 172.17.0.1: expected host:port",
                "--name", "::1", "--dns-listen-address", "172.17.0.1");
        assertOneLineError("weaver: --dns-fallback-timeout 5 seconds: invalid duration (e.g. 5s, 500ms, 1m30s)",
                "--name", "::1", "--dns-fallback-timeout", "5 seconds");
        assertOneLineError("weaver: --trusted-subnets: invalid CIDR address: 10.0.0.0",
                "--name", "::1", "--trusted-subnets", "10.0.0.0");
    }

    @Test
    void unsupportedFlagsAreNamedOnlyWhenSet() {
        WeaverOptions defaults = parse();
        assertEquals(List.of(), UnsupportedFlags.notices(defaults));
        WeaverOptions set = parse("--password", "s3cret", "--trusted-subnets", "10.0.0.0/8", "--conn-limit", "10",
                "--awsvpc", "peer1");
        List<String> notices = UnsupportedFlags.notices(set);
        assertEquals(1, notices.size(), "encryption and trusted subnets work now: " + notices);
        assertTrue(notices.get(0).startsWith("--awsvpc"));
        assertEquals(List.of(), UnsupportedFlags.notices(parse("--plugin", "--proxy", "-H", "tcp://0.0.0.0:12375",
                "--tls", "--no-multicast-route")));
    }

    @Test
    void everyFlagOfTheOriginalWeaverParses() {
        // SPEC 2.2's weaver flags, the proxy's (SPEC 9) and --profile, as `weave launch` passes them on (no peer:
        // --resume refuses an initial peer list, as the original does)
        StringWriter e = new StringWriter();
        int status = Weaver.execute(new Weaver(c -> 0, null), new String[] {"--host", "0.0.0.0", "--port", "6783", "--name", "8a:3e:3e:3e:3e:3e", "--nickname", "n", "--password", "p",
                "--trusted-subnets", "10.0.0.0/8", "--no-discovery", "--resume", "--conn-limit", "30",
                "--min-protocol-version", "2", "--ipalloc-init", "consensus=3", "--ipalloc-range", "10.32.0.0/12",
                "--ipalloc-default-subnet", "10.32.0.0/12", "--no-dns", "--dns-domain", "weave.local.",
                "--dns-listen-address", "172.17.0.1:53", "--dns-ttl", "1", "--dns-fallback-timeout", "5s",
                "--resolv-conf", "/etc/resolv.conf", "--log-level", "info", "--pkt-debug", "--plugin", "--plugin-v2",
                "--plugin-v2-multicast", "--plugin-socket", "/run/docker/plugins/weave.sock", "--plugin-mesh-socket",
                "/run/docker/plugins/weavemesh.sock", "--proxy", "-H", "unix:///var/run/weave/weave.sock",
                "--no-default-ipalloc", "--no-rewrite-hosts", "--rewrite-inspect", "--hostname-from-label", "l",
                "--hostname-match", "(.*)", "--hostname-replacement", "$1", "--without-dns", "--no-multicast-route",
                "--tls", "--tlsverify", "--tlscacert", "/c", "--tlscert", "/c", "--tlskey", "/k", "--token", "t",
                "--peer-discovery-url", "https://x", "--advertise-address", "1.2.3.4", "--awsvpc", "--no-masq-local",
                "--expect-npc", "--mtu", "1376", "--no-fastdp", "--no-bridged-fastdp", "--datapath", "datapath",
                "--weave-bridge", "weave", "--docker-bridge", "docker0", "--http-addr", "127.0.0.1:6784",
                "--status-addr", "127.0.0.1:6782", "--metrics-addr", "127.0.0.1:6785", "--bufsz", "8",
                "--db-prefix", "/weavedb/weave", "--host-root", "/host", "--proc-path", "/proc", "--docker-api", "",
                "--profile", "/tmp/p", "--plugin=false", "--proxy=false"},
                new PrintWriter(new StringWriter()), new PrintWriter(e, true));
        assertEquals("", e.toString());
        assertEquals(0, status);
    }

    @Test
    void profileIsAcceptedAndNamed() {
        assertEquals(List.of("--profile: the router is a JVM, not Go: profile it with Java Flight Recorder through "
                + "WEAVER_JAVA_OPTS instead; ignored"), UnsupportedFlags.notices(parse("--profile", "/tmp/prof")));
    }

    @Test
    void meshFlagsAreCheckedAndResumeRefusesPeers() {
        assertEquals(0, run("--name", "::1", "--host", "10.0.0.5", "--conn-limit", "3", "--no-discovery",
                "--restart-sentinel", "/tmp/x.sentinel"));
        assertEquals(new DaemonConfig.MeshOptions("10.0.0.5", 3, false, java.nio.file.Path.of("/tmp/x.sentinel"), null),
                started.mesh());
        assertEquals(false, started.peerDiscovery());
        started = null;
        assertOneLineError("weaver: --resume: you must not specify an initial peer list in conjunction with --resume"
                + " (the persisted one is used)", "--name", "::1", "--resume", "host2");
        assertOneLineError("weaver: --conn-limit -1: must be 0 (unlimited) or more", "--name", "::1", "--conn-limit", "-1");
    }

    private WeaverOptions parse(String... args) {
        Weaver weaver = new Weaver(c -> 0, null);
        new picocli.CommandLine(weaver.spec).parseArgs(GoStyleArgs.normalise(args));
        return weaver.options;
    }

    private void assertOneLineError(String expected, String... args) {
        StringWriter e = new StringWriter();
        int status = Weaver.execute(new Weaver(c -> 0, null), args, new PrintWriter(new StringWriter()),
                new PrintWriter(e, true));
        assertEquals(1, status);
        assertEquals(expected + "\n", e.toString());
    }

    @Test
    void proxyFlags() {
        assertEquals(0, run("--name", "::1", "--proxy", "-H", "unix:///var/run/weave/weave.sock", "-H", "tcp://0.0.0.0:12375",
                "--tlsverify", "--tlscacert", "/t/ca.pem", "--tlscert", "/t/cert.pem", "--tlskey", "/t/key.pem",
                "--hostname-match", "^aws-(.*)", "--rewrite-inspect", "--no-multicast-route=true"), err.toString());
        var proxy = started.proxy();
        assertEquals(List.of("unix:///var/run/weave/weave.sock", "tcp://0.0.0.0:12375"),
                proxy.listen().stream().map(dev.weft.router.proxy.Endpoint::text).toList());
        assertTrue(proxy.tls().enabled() && proxy.tls().verify());
        assertEquals("/t/ca.pem", proxy.tls().caCert().toString());
        assertTrue(proxy.rewriteInspect() && proxy.noMulticastRoute() && proxy.rewriteHosts());
        assertEquals("web", proxy.hostnames().hostname("aws-web", null));
    }

    @Test
    void noProxyWinsAndWithoutTheFlagThereIsNone() {
        assertEquals(0, run("--name", "::1", "--proxy", "--no-proxy"));
        assertNull(started.proxy());
        assertEquals(0, run("--name", "::1", "--proxy", "--proxy=false"));
        assertNull(started.proxy());
    }

    @Test
    void aBadProxyAddressIsOneLine() {
        assertEquals(1, run("--name", "::1", "--proxy", "-H", "tcp://0.0.0.0:x"));
        assertEquals("weaver: -H tcp://0.0.0.0:x: invalid port 'x'\n", err.toString());
        assertEquals(1, run("--name", "::1", "--proxy", "--hostname-match", "("));
        assertTrue(err.toString().endsWith("weaver: --hostname-match (: Unclosed group\n"), err.toString());
    }
}
