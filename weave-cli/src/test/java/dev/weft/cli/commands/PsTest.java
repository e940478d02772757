package dev.weft.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.cli.testing.Cli;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PsTest {
    private final Cli cli = new Cli();

    @Test
    void listsWhatTheRouterReports() {
        cli.api.answer("GET /weft/ps", 200,
                "weave:expose 8a:3e:3e:3e:3e:3e 10.32.0.1/12\n0123456789ab 02:42:0a:20:00:02 10.32.0.2/12\n");
        Cli.Result result = cli.run("ps");
        assertEquals(0, result.status());
        assertEquals("weave:expose 8a:3e:3e:3e:3e:3e 10.32.0.1/12\n0123456789ab 02:42:0a:20:00:02 10.32.0.2/12\n",
                result.out());
        assertEquals(Map.of(), cli.api.requests().get(0).params());
    }

    @Test
    void passesTheNamedContainers() {
        cli.api.answer("GET /weft/ps", 200, "");
        Cli.Result result = cli.run("ps", "c1", "weave:expose");
        assertEquals(0, result.status());
        assertEquals("", result.out());
        assertEquals(Map.of("container", List.of("c1", "weave:expose")), cli.api.requests().get(0).params());
    }

    @Test
    void routerStopped() {
        cli.api.down();
        cli.probe.with("weave", new dev.weft.cli.engine.ContainerState("abc", "exited", "weft/weave:0.1.0", false, 0));
        Cli.Result result = cli.run("ps");
        assertEquals(2, result.status());
        assertEquals("weave: weave container is not running.\n", result.err());
    }
}
