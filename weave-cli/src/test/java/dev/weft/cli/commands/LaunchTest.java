package dev.weft.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.cli.engine.ContainerSpec;
import dev.weft.cli.engine.RunOptions;
import dev.weft.cli.testing.Cli;
import dev.weft.cli.testing.FakeDockerEngine;
import dev.weft.weaveutil.addr.Cidr;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LaunchTest {
    private final Cli cli = new Cli();

    @BeforeEach
    void imagesBuiltRouterStopped() {
        cli.docker.images.addAll(List.of("weft/weave:0.1.0", "weft/weavedb:latest", "weft/weaveexec:0.1.0"));
        cli.api.down().answer("GET /status", 200, "ready");
        cli.docker.onStart = cli.api::up;
    }

    private FakeDockerEngine.Box container(String name) {
        return cli.docker.containers.values().stream().filter(b -> name.equals(b.name)).findFirst().orElseThrow();
    }

    @Test
    void createsDataAndRouterContainersAndPrintsTheId() {
        Cli.Result result = cli.run("launch", "--password", "s3cret", "--nickname", "alpha", "host2", "host3:6783");
        assertEquals(0, result.status(), result.err());
        FakeDockerEngine.Box router = container("weave");
        assertEquals(router.id + "\n", result.out());
        assertEquals(List.of("create weavedb", "create weavevolumes-0.1.0", "create weave", "start weave"), cli.docker.log);

        ContainerSpec db = container("weavedb").spec;
        assertEquals("weft/weavedb:latest", db.image());
        assertEquals(List.of("/weavedb"), db.volumes());
        assertEquals(Map.of("weavevolumes", ""), db.labels());

        ContainerSpec spec = router.spec;
        assertEquals("weft/weave:0.1.0", spec.image());
        assertTrue(spec.privileged() && spec.hostNetworkAndPid());
        assertEquals("always", spec.restartPolicy());
        assertEquals(List.of("weavedb", "weavevolumes-0.1.0"), spec.volumesFrom());
        assertEquals(List.of("--port", "6783", "--nickname", "host1", "--host-root=/host", "--docker-bridge", "docker0",
                "--weave-bridge", "weave", "--ipalloc-range=10.32.0.0/12", "--dns-listen-address", "172.17.0.1:53",
                "--http-addr", "127.0.0.1:6784", "--status-addr", "127.0.0.1:6782",
                "--resolv-conf", "/var/run/weave/etc/resolv.conf", "--db-prefix", "/weavedb/weave",
                "-H", "unix:///var/run/weave/weave.sock", "--plugin", "--proxy",
                "--nickname", "alpha", "host2", "host3:6783"), spec.args());
        assertEquals(List.of("/var/run/docker.sock:/var/run/docker.sock", "/var/run/weave:/var/run/weave",
                "/run/systemd/resolve:/var/run/weave/etc", "/etc:/host/etc", "/var/lib/dbus:/host/var/lib/dbus"),
                spec.binds());
        assertEquals(List.of("DOCKER_BRIDGE=docker0", "WEAVE_HTTP_ADDR=127.0.0.1:6784",
                "EXEC_IMAGE=weft/weaveexec:0.1.0", "WEAVE_PASSWORD=s3cret"), spec.env());
    }

    @Test
    void everyFlagOfTheOriginalIsAcceptedAndReachesTheRouterOrIsHandledHere() {
        cli.api.answer("GET /weft/notices", 200, "warning: --profile: the router is a JVM; ignored\n");
        Cli.Result result = cli.run("launch", "-password", "pw", "-port", "7000", "-iprange", "10.2.0.0/16",
                "--no-restart", "--no-detect-tls", "--profile", "/tmp/prof", "--tls", "--tlsverify",
                "--host", "0.0.0.0", "--name", "8a:3e:3e:3e:3e:3e", "--nickname", "n1", "--trusted-subnets", "10.0.0.0/8",
                "--no-discovery", "--conn-limit", "30", "--min-protocol-version", "2", "--ipalloc-init", "consensus=3",
                "--ipalloc-default-subnet", "10.2.1.0/24", "--dns-domain", "x.local.", "--dns-ttl", "5",
                "--dns-fallback-timeout", "2s", "--log-level", "debug", "--pkt-debug", "--plugin=false", "--proxy=false",
                "--no-rewrite-hosts", "--hostname-match", "(.*)", "--mtu", "1410", "--no-fastdp", "--no-bridged-fastdp",
                "--metrics-addr", "127.0.0.1:6785", "--bufsz", "16", "--log-level=info", "peer9");
        assertEquals(0, result.status(), result.err());
        List<String> args = container("weave").spec.args();
        assertEquals(List.of("--port", "7000"), args.subList(0, 2));
        assertTrue(args.contains("--ipalloc-range=10.2.0.0/16"));
        assertEquals(null, container("weave").spec.restartPolicy());
        assertTrue(container("weave").spec.env().contains("WEAVE_PASSWORD=pw"));
        assertFalse(String.join(" ", args).contains("pw"), "the password is not on the command line");
        assertFalse(args.contains("--no-detect-tls"), "weft has no TLS detection to switch off; not the router's");
        int plugin = args.indexOf("--plugin");
        assertEquals(List.of("--tls", "--tlsverify", "--plugin", "--proxy", "--profile", "/tmp/prof", "--host"),
                args.subList(plugin - 2, plugin + 5));
        assertEquals("peer9", args.get(args.size() - 1));
        assertEquals("weave: warning: --profile: the router is a JVM; ignored\n", result.err());
    }

    @Test
    void aTcpDockerClientGetsATcpProxyByDefault() {
        cli.env.put("DOCKER_CLIENT_HOST", "tcp://192.0.2.1:2375");
        assertEquals(0, cli.run("launch").status());
        assertTrue(String.join(" ", container("weave").spec.args()).contains("-H tcp://0.0.0.0:12375 --plugin"));
    }

    @Test
    void aRelativeUnixProxySocketIsRefusedBeforeAnythingIsCreated() {
        Cli.Result result = cli.run("launch", "-H", "unix://weave.sock");
        assertEquals(1, result.status());
        assertEquals("weave: -H unix://weave.sock: the path of a unix socket must be absolute\n", result.err());
        assertEquals(List.of(), cli.docker.log);
    }

    @Test
    void unixSocketApiAddressesAreListenedOnVisiblyAndPolledThere() {
        Cli.Result result = cli.run("launch", "--http-addr", "/run/weft-api/http.sock",
                "--status-addr=/var/run/weave/status.sock");
        assertEquals(0, result.status(), result.err());
        ContainerSpec spec = container("weave").spec;
        String args = String.join(" ", spec.args());
        assertTrue(args.contains("--http-addr /run/weft-api/http.sock --status-addr /var/run/weave/status.sock"), args);
        assertFalse(args.contains("127.0.0.1:6784"), args);
        assertTrue(spec.env().contains("WEAVE_HTTP_ADDR=/run/weft-api/http.sock"));
        assertTrue(spec.binds().contains("/run/weft-api:/run/weft-api"));
        assertEquals(1, spec.binds().stream().filter(b -> b.startsWith("/var/run/weave:")).count());
        assertEquals(List.of("/run/weft-api/http.sock /var/run/weave/status.sock"), cli.apiAddresses);
        assertEquals("weave: the router listens where --http-addr/--status-addr said; other weave commands find it "
                + "with WEAVE_HTTP_ADDR=/run/weft-api/http.sock WEAVE_STATUS_ADDR=/var/run/weave/status.sock\n",
                result.err());
    }

    @Test
    void weaveDockerArgsGoToTheRouterContainer() {
        cli.env.put("WEAVE_DOCKER_ARGS", "--memory=200m --cpus 0.5 -e GOGC=50 --label team=net --restart=unless-stopped");
        Cli.Result result = cli.run("launch");
        assertEquals(0, result.status(), result.err());
        ContainerSpec spec = container("weave").spec;
        assertEquals(200L * 1024 * 1024, spec.runOptions().longLimit("--memory"));
        assertEquals(500_000_000L, spec.runOptions().longLimit("--cpus"));
        assertTrue(spec.allEnv().contains("GOGC=50"));
        assertEquals("net", spec.allLabels().get("team"));
        assertEquals("unless-stopped", spec.effectiveRestartPolicy());
        assertEquals(RunOptions.NONE, container("weavedb").spec.runOptions(), "only the router gets them");
    }

    @Test
    void weaveDockerArgsWeftCannotApplyAreRefusedBeforeAnythingIsCreated() {
        cli.env.put("WEAVE_DOCKER_ARGS", "--memory 200m --network bridge");
        Cli.Result result = cli.run("launch");
        assertEquals(1, result.status());
        assertTrue(result.err().startsWith("weave: WEAVE_DOCKER_ARGS: weft does not support the docker run option "
                + "--network here (it takes --memory, "), result.err());
        assertEquals(List.of(), cli.docker.log);
    }

    @Test
    void showsWhatTheRouterSetAsideAtStartOnStderr() {
        cli.api.answer("GET /weft/notices", 200, "found Weave Net's BoltDB data file /weavedb/weavedata.db; "
                + "weft cannot read it: kept it untouched as /weavedb/weavedata.db.weavenet-boltdb-20260101T000000Z "
                + "and started with an empty store (see README, 'Upgrading from Weave Net')\n");
        Cli.Result result = cli.run("launch");
        assertEquals(0, result.status(), result.err());
        assertEquals("weave: found Weave Net's BoltDB data file /weavedb/weavedata.db; weft cannot read it: kept it "
                + "untouched as /weavedb/weavedata.db.weavenet-boltdb-20260101T000000Z and started with an empty store "
                + "(see README, 'Upgrading from Weave Net')\n", result.err());
        assertEquals(container("weave").id + "\n", result.out());
    }

    @Test
    void ownRangeAndNoRestart() {
        Cli.Result result = cli.run("launch", "--ipalloc-range", "10.2.0.0/16", "--no-restart", "--port=7000");
        assertEquals(0, result.status(), result.err());
        ContainerSpec spec = container("weave").spec;
        assertEquals(null, spec.restartPolicy());
        assertTrue(spec.args().contains("--ipalloc-range=10.2.0.0/16"));
        assertEquals(List.of("--port", "7000"), spec.args().subList(0, 2));
    }

    @Test
    void emptyRangeDisablesIpam() {
        cli.host.routes.add(Cidr.parse("10.0.0.0/8"));
        Cli.Result result = cli.run("launch", "--ipalloc-range=");
        assertEquals(0, result.status(), result.err());
        assertTrue(container("weave").spec.args().contains("--ipalloc-range="));
    }

    @Test
    void weaveMtuReachesTheRouterAndAnInvalidOneStopsLaunchBeforeAnythingIsMade() {
        cli.env.put("WEAVE_MTU", "1400");
        cli.env.put("WEAVE_NO_FASTDP", "1");
        Cli.Result ok = cli.run("launch");
        assertEquals(0, ok.status(), ok.err());
        List<String> args = container("weave").spec.args();
        assertEquals("1400", args.get(args.indexOf("--mtu") + 1));
        assertTrue(args.contains("--no-fastdp"));

        Cli other = new Cli();
        other.docker.images.addAll(List.of("weft/weave:0.1.0", "weft/weavedb:latest"));
        for (String bad : List.of("abc", "100", "70000")) {
            other.env.put("WEAVE_MTU", bad);
            Cli.Result result = other.run("launch");
            assertEquals(1, result.status());
            assertEquals("weave: invalid WEAVE_MTU '" + bad + "': must be a number between 576 and 65485\n",
                    result.err());
        }
        assertEquals(List.of(), other.docker.log, "no container was made");
    }

    @Test
    void alreadyRunningExits3() {
        cli.docker.add("weave", "running", "weft/weave:0.1.0");
        Cli.Result result = cli.run("launch");
        assertEquals(3, result.status());
        assertEquals("weave: weave is already running; you can stop it with 'weave stop'.\n", result.err());
    }

    @Test
    void anotherContainerWithTheNameExits2() {
        cli.docker.add("weave", "running", "nginx:latest");
        Cli.Result result = cli.run("launch");
        assertEquals(2, result.status());
        assertEquals("weave: Found another running container named 'weave'. Aborting.\n", result.err());
    }

    @Test
    void exitedRouterIsReplaced() {
        cli.docker.add("weave", "exited", "weft/weave:0.1.0");
        Cli.Result result = cli.run("launch");
        assertEquals(0, result.status(), result.err());
        assertEquals("remove weave -f", cli.docker.log.get(0));
    }

    @Test
    void somethingElseAnswersTheApi() {
        cli.api.up();
        Cli.Result result = cli.run("launch");
        assertEquals(1, result.status());
        assertEquals("weave: Weave Net is already running (something answers at 127.0.0.1:6784)\n", result.err());
    }

    @Test
    void missingImageSaysToRunSetup() {
        cli.docker.images.remove("weft/weave:0.1.0");
        Cli.Result result = cli.run("launch");
        assertEquals(1, result.status());
        assertEquals("weave: image weft/weave:0.1.0 is missing; build weft's images with 'weave setup'\n", result.err());
        assertEquals(List.of(), cli.docker.log);
    }

    @Test
    void defaultRangeOverlappingAHostRouteIsRefused() {
        cli.host.routes.add(Cidr.parse("10.0.0.0/8"));
        Cli.Result result = cli.run("launch");
        assertEquals(1, result.status());
        assertEquals("weave: Default --ipalloc-range 10.32.0.0/12 overlaps with existing route 10.0.0.0/8 on host; "
                + "give another range with --ipalloc-range (the same on every host)\n", result.err());
    }

    @Test
    void givenRangeOverlappingIsOnlyAWarning() {
        cli.host.routes.add(Cidr.parse("10.0.0.0/8"));
        Cli.Result result = cli.run("launch", "--ipalloc-range", "10.2.0.0/16");
        assertEquals(0, result.status());
        assertEquals("weave: warning: --ipalloc-range 10.2.0.0/16 overlaps with existing route 10.0.0.0/8 on host\n",
                result.err());
    }

    @Test
    void badRange() {
        Cli.Result result = cli.run("launch", "--ipalloc-range", "10.2.0.1/16");
        assertEquals(1, result.status());
        assertEquals("weave: invalid --ipalloc-range '10.2.0.1/16': invalid subnet - bits after network prefix are "
                + "not all zero: 10.2.0.1/16\n", result.err());
    }

    @Test
    void dockerBridgeWithoutAddress() {
        cli.host.interfaces.clear();
        Cli.Result result = cli.run("launch");
        assertEquals(1, result.status());
        assertEquals("weave: the Docker bridge docker0 has no IPv4 address (set DOCKER_BRIDGE if it has another "
                + "name)\n", result.err());
    }

    @Test
    void routerDyingWhileStartingIsReported() {
        cli.docker.onStart = () -> cli.docker.containers.values().forEach(b -> b.status = "restarting");
        Cli.Result result = cli.run("launch");
        assertEquals(1, result.status());
        assertEquals("weave: The weave container has died. Consult the container logs for further details.\n",
                result.err());
        assertEquals(List.of("update weave --restart=no", "kill weave"),
                cli.docker.log.subList(cli.docker.log.size() - 2, cli.docker.log.size()));
    }

    @Test
    void theRoutersLastWordsExplainItsDeath() {
        cli.docker.onStart = () -> cli.docker.containers.values().forEach(b -> b.status = "exited");
        cli.docker.logs = List.of("starting weaver 0.1.0", "weaver: Unknown option: '--no-such-flag'", "");
        Cli.Result result = cli.run("launch", "--no-such-flag");
        assertEquals(1, result.status());
        assertEquals("weave: The weave container has died: weaver: Unknown option: '--no-such-flag'. Consult the "
                + "container logs for further details.\n", result.err());
    }

    @Test
    void notReadyAtFirstIsWaitedFor() {
        cli.docker.onStart = () -> cli.api.up().answer("GET /status", 503, "starting");
        cli.host.onPause = () -> {
            if (cli.host.pauses == 3) {
                cli.api.answer("GET /status", 200, "ready");
            }
        };
        Cli.Result result = cli.run("launch");
        assertEquals(0, result.status(), result.err());
        assertEquals(3, cli.host.pauses);
    }

    @Test
    void aRouterThatAnswersWhileStartingIsNotInspected() {
        cli.docker.onStart = () -> cli.api.up().answer("GET /status", 503, "starting");
        int[] inspectionsAtStart = new int[1];
        cli.host.onPause = () -> {
            if (cli.host.pauses == 1) {
                inspectionsAtStart[0] = cli.docker.inspections;
            }
            if (cli.host.pauses == 5) {
                cli.api.answer("GET /status", 200, "ready");
            }
        };
        Cli.Result result = cli.run("launch");
        assertEquals(0, result.status(), result.err());
        assertEquals(inspectionsAtStart[0], cli.docker.inspections);
    }

    @Test
    void givesUpWhenNeverReady() {
        cli.docker.onStart = () -> cli.api.up().answer("GET /status", 503, "starting");
        Cli.Result result = cli.run("launch");
        assertEquals(1, result.status());
        assertEquals("weave: the weave container did not become ready within 120 s; see 'docker logs weave'\n",
                result.err());
        assertEquals(1200, cli.host.pauses);
    }

    @Test
    void thePasswordFileGivesThePasswordThroughTheEnvironmentOnly(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = dir.resolve("weave.pw");
        java.nio.file.Files.writeString(file, "s3cret from file\n");
        Cli.Result result = cli.run("launch", "--password-file", file.toString(), "host2");
        assertEquals(0, result.status(), result.err());
        ContainerSpec spec = container("weave").spec;
        assertTrue(spec.env().contains("WEAVE_PASSWORD=s3cret from file"), spec.env().toString());
        assertFalse(String.join(" ", spec.args()).contains("s3cret"), "the password is not on the command line");
    }

    @Test
    void aMissingOrEmptyPasswordFileOrBothFlagsFailInOneLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        Cli.Result missing = cli.run("launch", "--password-file", dir.resolve("nope").toString());
        assertEquals(1, missing.status());
        assertEquals("weave: --password-file " + dir.resolve("nope") + ": cannot read it (no such file)\n", missing.err());
        java.nio.file.Path empty = dir.resolve("empty");
        java.nio.file.Files.writeString(empty, "\n");
        Cli.Result blank = cli.run("launch", "--password-file", empty.toString());
        assertEquals(1, blank.status());
        assertTrue(blank.err().contains("the first line is empty"), blank.err());
        Cli.Result both = cli.run("launch", "--password", "x", "--password-file", empty.toString());
        assertEquals(1, both.status());
        assertTrue(both.err().contains("give only one"), both.err());
        assertTrue(cli.docker.containers.isEmpty(), "nothing was created");
    }
}
