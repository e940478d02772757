package dev.weft.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.cli.testing.Cli;
import java.util.List;
import org.junit.jupiter.api.Test;

class HideTest {
    private final Cli cli = new Cli();

    @Test
    void hidesTheAllocatedAddressesAndReleasesThem() {
        cli.api.answer("GET /ip/weave:expose", 200, "10.32.0.5/12")
                .answer("DELETE /expose/10.32.0.5/12", 204, "")
                .answer("DELETE /ip/weave:expose/10.32.0.5", 204, "");
        Cli.Result result = cli.run("hide");
        assertEquals(0, result.status());
        assertEquals("10.32.0.5\n", result.out());
        assertEquals(List.of("GET /ip/weave:expose", "DELETE /expose/10.32.0.5/12", "DELETE /ip/weave:expose/10.32.0.5"),
                cli.api.lines());
    }

    @Test
    void explicitAddressStaysClaimed() {
        cli.api.answer("DELETE /expose/10.2.1.1/24", 204, "");
        Cli.Result result = cli.run("hide", "10.2.1.1/24");
        assertEquals("10.2.1.1\n", result.out());
        assertEquals(List.of("DELETE /expose/10.2.1.1/24"), cli.api.lines());
    }

    @Test
    void addressNotExposedIsSkipped() {
        cli.api.answer("DELETE /expose/10.2.1.1/24", 404, "10.2.1.1/24 is not exposed");
        Cli.Result result = cli.run("hide", "10.2.1.1/24");
        assertEquals(0, result.status());
        assertEquals("", result.out());
    }

    @Test
    void badAddress() {
        Cli.Result result = cli.run("hide", "bogus");
        assertEquals(1, result.status());
        assertEquals("weave: invalid address 'bogus' (invalid CIDR address: bogus): expected [ip:]<ip>/<len>, "
                + "net:<ip>/<len> or net:default\n", result.err());
    }
}
