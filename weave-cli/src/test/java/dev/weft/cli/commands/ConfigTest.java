package dev.weft.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.cli.testing.Cli;
import org.junit.jupiter.api.Test;

class ConfigTest {
    private final Cli cli = new Cli();

    @Test
    void printsTheHostFlag() {
        cli.api.answer("GET /proxyaddrs", 200, "unix:///var/run/weave/weave.sock\n");
        Cli.Result result = cli.run("config");
        assertEquals(0, result.status());
        assertEquals("-H=unix:///var/run/weave/weave.sock\n", result.out());
    }

    @Test
    void failsWithoutAProxy() {
        Cli.Result result = cli.run("config");
        assertEquals(1, result.status());
        assertEquals("weave: weave's Docker API proxy is not running\n", result.err());
    }
}
