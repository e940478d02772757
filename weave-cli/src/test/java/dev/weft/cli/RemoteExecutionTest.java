package dev.weft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.cli.engine.ContainerSpec;
import dev.weft.cli.testing.Cli;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RemoteExecutionTest {
    private final Cli cli = new Cli();

    @BeforeEach
    void remoteEngine() {
        cli.env.put("DOCKER_HOST", "tcp://192.0.2.5:2375");
        cli.env.put("WEAVE_PASSWORD", "s3cret");
        cli.docker.images.add("weft/weaveexec:0.1.0");
    }

    @Test
    void runsTheCommandInTheExecImageAndReturnsItsStatus() {
        cli.docker.runOutput = "10.32.0.1\n";
        cli.docker.runStatus = 0;
        Cli.Result result = cli.run("attach", "net:default", "c1");
        assertEquals(0, result.status(), result.err());
        assertEquals("10.32.0.1\n", result.out());
        ContainerSpec spec = cli.docker.lastRun;
        assertEquals("weft/weaveexec:0.1.0", spec.image());
        assertEquals(List.of("--local", "attach", "net:default", "c1"), spec.args());
        assertTrue(spec.privileged() && spec.hostNetworkAndPid());
        assertEquals(List.of("/var/run/docker.sock:/var/run/docker.sock"), spec.binds());
        assertEquals(List.of("WEAVE_PASSWORD=s3cret", "DOCKER_CLIENT_HOST=tcp://192.0.2.5:2375"), spec.env());
        assertEquals(List.of(), cli.api.requests());
    }

    @Test
    void weaveexecDockerArgsGoToTheExecContainerAndWeaveDockerArgsIntoIt() {
        cli.env.put("WEAVEEXEC_DOCKER_ARGS", "--memory 64m -e TZ=UTC");
        cli.env.put("WEAVE_DOCKER_ARGS", "--memory 300m");
        assertEquals(0, cli.run("launch").status());
        ContainerSpec spec = cli.docker.lastRun;
        assertEquals(64L << 20, spec.runOptions().longLimit("--memory"));
        assertTrue(spec.allEnv().contains("TZ=UTC"));
        assertTrue(spec.env().contains("WEAVE_DOCKER_ARGS=--memory 300m"), spec.env().toString());
        assertTrue(spec.env().stream().noneMatch(e -> e.startsWith("WEAVEEXEC_DOCKER_ARGS")));
    }

    @Test
    void aRouterApiOnAUnixSocketIsReachableFromTheExecContainer() {
        cli.env.put("WEAVE_HTTP_ADDR", "/run/weft-api/http.sock");
        assertEquals(0, cli.run("ps").status());
        assertEquals(List.of("/var/run/docker.sock:/var/run/docker.sock", "/run/weft-api:/run/weft-api"),
                cli.docker.lastRun.binds());
        assertTrue(cli.docker.lastRun.env().contains("WEAVE_HTTP_ADDR=/run/weft-api/http.sock"));
    }

    @Test
    void remoteStatusIsPassedOn() {
        cli.docker.runStatus = 4;
        assertEquals(4, cli.run("status", "dns").status());
    }

    @Test
    void usageErrorsAreReportedWithoutTheEngine() {
        Cli.Result result = cli.run("attach");
        assertEquals(1, result.status());
        assertEquals(List.of(), cli.docker.log);
    }

    @Test
    void localFlagRunsHere() {
        cli.api.answer("GET /weft/ps", 200, "");
        assertEquals(0, cli.run("--local", "ps").status());
        assertEquals(List.of(), cli.docker.log);
        assertEquals(List.of("GET /weft/ps"), cli.api.lines());
    }

    @Test
    void helpAndEnvRestoreStayLocal() {
        cli.env.put("ORIG_DOCKER_HOST", "unix:///var/run/docker.sock");
        assertEquals(0, cli.run("env", "--restore").status());
        assertEquals(0, cli.run("ps", "--help").status());
        assertEquals(0, cli.run("help").status());
        assertEquals(List.of(), cli.docker.log);
    }

    @Test
    void missingExecImage() {
        cli.docker.images.clear();
        Cli.Result result = cli.run("ps");
        assertEquals(1, result.status());
        assertEquals("weave: image weft/weaveexec:0.1.0 is missing on the engine at tcp://192.0.2.5:2375; build "
                + "weft's images there with 'weave setup'\n", result.err());
    }
}
