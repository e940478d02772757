package dev.weft.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.cli.testing.Cli;
import org.junit.jupiter.api.Test;

class DnsArgsTest {
    private final Cli cli = new Cli();

    @Test
    void printsDockerFlagsWithoutNewline() {
        cli.router.answer("GET /dns-address", 200, "172.17.0.1").answer("GET /domain", 200, "weave.local.");
        Cli.Result result = cli.run("dns-args");
        assertEquals(0, result.status());
        assertEquals("--dns=172.17.0.1 --dns-search=weave.local.", result.out());
    }

    @Test
    void nothingWhenDnsIsDisabled() {
        Cli.Result result = cli.run("dns-args");
        assertEquals(0, result.status());
        assertEquals("", result.out() + result.err());
    }

    @Test
    void noArgumentsTaken() {
        assertEquals(1, cli.run("dns-args", "x").status());
    }
}
