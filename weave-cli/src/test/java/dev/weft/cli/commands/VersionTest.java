package dev.weft.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.cli.testing.Cli;
import dev.weft.cli.api.WeaveApi.Listener;
import org.junit.jupiter.api.Test;

class VersionTest {
    private final Cli cli = new Cli();

    @Test
    void printsScriptAndRouterVersionFromTheReport() {
        cli.api.answer("GET /report", 200, "{\"Ready\":true,\"Version\":\"0.1.0\",\"Router\":{}}");
        Cli.Result result = cli.run("version");
        assertEquals(0, result.status());
        assertEquals("weave script 0.1.0\nweave 0.1.0\n", result.out());
        assertEquals("", result.err());
        assertEquals(Listener.STATUS, cli.api.requests().get(0).listener());
        assertEquals("application/json", cli.api.requests().get(0).accept());
    }

    @Test
    void routerDownIsNotAFailure() {
        cli.api.down();
        Cli.Result result = cli.run("version");
        assertEquals(0, result.status());
        assertEquals("weave script 0.1.0\n", result.out());
        assertEquals("weave router is not running (no answer at 127.0.0.1:6782)\n", result.err());
    }

    @Test
    void statusAddressFromTheEnvironment() {
        cli.env.put("WEAVE_STATUS_ADDR", "127.0.0.1:16782");
        cli.api.down();
        assertEquals("weave router is not running (no answer at 127.0.0.1:16782)\n", cli.run("version").err());
    }

    @Test
    void extraArgumentsAreAUsageError() {
        Cli.Result result = cli.run("version", "extra");
        assertEquals(1, result.status());
        assertEquals("weave: Unmatched argument at index 1: 'extra'. See 'weave version --help'.\n", result.err());
    }
}
