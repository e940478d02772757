package dev.weft.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.cli.testing.Cli;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DetachTest {
    private final Cli cli = new Cli();

    @Test
    void allAddressesByDefault() {
        cli.api.answer("POST /weft/detach/c1", 200, "10.32.0.1 10.2.1.1");
        Cli.Result result = cli.run("detach", "c1");
        assertEquals(0, result.status());
        assertEquals("10.32.0.1 10.2.1.1\n", result.out());
        assertEquals(Map.of(), cli.api.requests().get(0).params());
    }

    @Test
    void namedAddresses() {
        cli.api.answer("POST /weft/detach/c1", 200, "10.2.1.1");
        Cli.Result result = cli.run("detach", "10.2.1.1/24", "c1");
        assertEquals("10.2.1.1\n", result.out());
        assertEquals(Map.of("addr", List.of("10.2.1.1/24")), cli.api.requests().get(0).params());
    }

    @Test
    void badAddress() {
        Cli.Result result = cli.run("detach", "net:bogus", "c1");
        assertEquals(1, result.status());
        assertEquals("weave: invalid address 'net:bogus' (invalid CIDR address: bogus): expected [ip:]<ip>/<len>, "
                + "net:<ip>/<len> or net:default\n", result.err());
    }

    @Test
    void containerNotRunning() {
        cli.api.answer("POST /weft/detach/c1", 400, "container c1 is not running\n");
        Cli.Result result = cli.run("detach", "c1");
        assertEquals(1, result.status());
        assertEquals("weave: container c1 is not running\n", result.err());
    }
}
