package dev.weft.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.cli.testing.Cli;
import org.junit.jupiter.api.Test;

class DnsArgsTest {
    private final Cli cli = new Cli();

    @Test
    void printsDockerFlagsWithoutNewline() {
        cli.api.answer("GET /dns-address", 200, "172.17.0.1").answer("GET /domain", 200, "weave.local.");
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
    void theDockerRunArgumentsAfterItAreIgnored() {
        cli.api.answer("GET /dns-address", 200, "172.17.0.1").answer("GET /domain", 200, "weave.local.");
        Cli.Result result = cli.run("dns-args", "--name=web", "-h", "web.weave.local", "-e", "A=b", "--rm", "-dit",
                "--", "weft-test/small", "sleep", "60");
        assertEquals(0, result.status(), result.err());
        assertEquals("--dns=172.17.0.1 --dns-search=weave.local.", result.out());
        assertEquals("", result.err());
    }
}
