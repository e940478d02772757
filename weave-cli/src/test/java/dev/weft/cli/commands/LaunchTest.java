package dev.weft.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.cli.engine.ContainerSpec;
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
        cli.router.down().answer("GET /status", 200, "ready");
        cli.docker.onStart = cli.router::up;
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
                "-H", "unix:///var/run/weave/weave.sock", "--proxy",
                "--nickname", "alpha", "host2", "host3:6783"), spec.args());
        assertEquals(List.of("/var/run/docker.sock:/var/run/docker.sock", "/var/run/weave:/var/run/weave",
                "/run/systemd/resolve:/var/run/weave/etc", "/etc:/host/etc", "/var/lib/dbus:/host/var/lib/dbus"),
                spec.binds());
        assertEquals(List.of("DOCKER_BRIDGE=docker0", "WEAVE_HTTP_ADDR=127.0.0.1:6784",
                "EXEC_IMAGE=weft/weaveexec:0.1.0", "WEAVE_PASSWORD=s3cret"), spec.env());
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
        cli.router.up();
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
        cli.docker.onStart = () -> cli.router.up().answer("GET /status", 503, "starting");
        cli.host.onPause = () -> {
            if (cli.host.pauses == 3) {
                cli.router.answer("GET /status", 200, "ready");
            }
        };
        Cli.Result result = cli.run("launch");
        assertEquals(0, result.status(), result.err());
        assertEquals(3, cli.host.pauses);
    }

    @Test
    void givesUpWhenNeverReady() {
        cli.docker.onStart = () -> cli.router.up().answer("GET /status", 503, "starting");
        Cli.Result result = cli.run("launch");
        assertEquals(1, result.status());
        assertEquals("weave: the weave container did not become ready within 120 s; see 'docker logs weave'\n",
                result.err());
        assertEquals(1200, cli.host.pauses);
    }
}
