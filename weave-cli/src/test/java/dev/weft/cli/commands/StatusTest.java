package dev.weft.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.cli.api.WeaveApi.Listener;
import dev.weft.cli.testing.Cli;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusTest {
    private final Cli cli = new Cli();

    @Test
    void plainStatusIsWrappedInBlankLines() {
        cli.api.answer("GET /status", 200, "        Version: 0.1.0\n\n        Service: router\n");
        Cli.Result result = cli.run("status");
        assertEquals(0, result.status());
        assertEquals("\n        Version: 0.1.0\n\n        Service: router\n\n", result.out());
        assertEquals(Listener.STATUS, cli.api.requests().get(0).listener());
    }

    @Test
    void sectionIsPrintedAsIs() {
        cli.api.answer("GET /status/targets", 200, "host2\nhost3\n");
        Cli.Result result = cli.run("status", "targets");
        assertEquals(0, result.status());
        assertEquals("host2\nhost3\n", result.out());
    }

    @Test
    void unknownSectionExits1() {
        Cli.Result result = cli.run("status", "bogus");
        assertEquals(1, result.status());
        assertEquals("weave: Invalid 'weave status' sub-command: bogus (expected one of targets, connections, peers, "
                + "dns, ipam)\n", result.err());
        assertEquals(List.of(), cli.api.requests());
    }

    @Test
    void notReadyIsAnErrorWithTheRoutersText() {
        cli.api.answer("GET /status", 503, "not ready: waiting for IPAM\n");
        Cli.Result result = cli.run("status");
        assertEquals(1, result.status());
        assertEquals("weave: not ready: waiting for IPAM\n", result.err());
        assertEquals("", result.out());
    }

    @Test
    void disabledSectionExits4() {
        Cli.Result result = cli.run("status", "dns");
        assertEquals(4, result.status());
        assertEquals("weave: the router does not serve /status/dns (that part of weave is disabled)\n", result.err());
    }

    @Test
    void routerNotLaunched() {
        cli.api.down();
        Cli.Result result = cli.run("status");
        assertEquals(2, result.status());
        assertEquals("weave: weave container is not present. Have you launched it?\n", result.err());
    }
}
