package dev.weft.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.cli.testing.Cli;
import org.junit.jupiter.api.Test;

class EnvCommandTest {
    private final Cli cli = new Cli();

    @Test
    void pointsDockerHostAtTheProxy() {
        cli.api.answer("GET /proxyaddrs", 200, "unix:///var/run/weave/weave.sock\n");
        cli.env.put("DOCKER_HOST", "unix:///var/run/docker.sock");
        Cli.Result result = cli.run("env");
        assertEquals(0, result.status());
        assertEquals("export DOCKER_HOST=unix:///var/run/weave/weave.sock ORIG_DOCKER_HOST=unix:///var/run/docker.sock\n",
                result.out());
    }

    @Test
    void wildcardAddressBecomesTheEngineHost() {
        cli.api.answer("GET /proxyaddrs", 200, "tcp://0.0.0.0:12375\n");
        cli.env.put("DOCKER_HOST", "tcp://192.0.2.5:2375");
        assertEquals("export DOCKER_HOST=tcp://192.0.2.5:12375 ORIG_DOCKER_HOST=tcp://192.0.2.5:2375\n",
                cli.run("--local", "env").out());
    }

    @Test
    void insideTheExecContainerTheClientViewCounts() {
        cli.api.answer("GET /proxyaddrs", 200, "tcp://0.0.0.0:12375\n");
        cli.env.put("DOCKER_HOST", "unix:///var/run/docker.sock");
        cli.env.put("DOCKER_CLIENT_HOST", "tcp://192.0.2.5:2375");
        assertEquals("export DOCKER_HOST=tcp://192.0.2.5:12375 ORIG_DOCKER_HOST=tcp://192.0.2.5:2375\n",
                cli.run("--local", "env").out());
    }

    @Test
    void alreadyPointingAtTheProxy() {
        cli.api.answer("GET /proxyaddrs", 200, "tcp://0.0.0.0:12375\n");
        cli.env.put("PROXY_HOST", "10.0.0.9");
        cli.env.put("DOCKER_HOST", "tcp://10.0.0.9:12375");
        assertEquals("export DOCKER_HOST=tcp://10.0.0.9:12375\n", cli.run("--local", "env").out());
    }

    @Test
    void nothingWithoutAProxy() {
        Cli.Result result = cli.run("env");
        assertEquals(0, result.status());
        assertEquals("", result.out() + result.err());
    }

    @Test
    void restore() {
        cli.env.put("ORIG_DOCKER_HOST", "unix:///var/run/docker.sock");
        Cli.Result result = cli.run("env", "--restore");
        assertEquals(0, result.status());
        assertEquals("export DOCKER_HOST=unix:///var/run/docker.sock\n", result.out());
        assertEquals(0, cli.api.requests().size());
    }

    @Test
    void nothingToRestore() {
        Cli.Result result = cli.run("env", "--restore");
        assertEquals(1, result.status());
        assertEquals("weave: Nothing to restore. This is most likely because there was no preceding invocation of "
                + "'eval $(weave env)' in this shell.\n", result.err());
    }
}
