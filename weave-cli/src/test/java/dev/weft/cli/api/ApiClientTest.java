package dev.weft.cli.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.cli.WeaveException;
import dev.weft.cli.engine.ContainerState;
import dev.weft.cli.testing.FakeProbe;
import dev.weft.cli.testing.FakeWeaveApi;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiClientTest {
    private final FakeWeaveApi fake = new FakeWeaveApi();
    private final FakeProbe probe = new FakeProbe();
    private final ApiClient client = new ApiClient(fake, probe, "weave");

    @Test
    void successReturnsTheBody() {
        fake.answer("GET /domain", 200, "weave.local.");
        assertEquals("weave.local.", client.get("/domain"));
    }

    @Test
    void notFoundOnAnOriginalPathExits4() {
        WeaveException e = assertThrows(WeaveException.class, () -> client.get("/dns-address"));
        assertEquals(4, e.exitCode());
    }

    @Test
    void notFoundOnAWeftPathIsAnErrorWithTheRoutersText() {
        fake.answer("POST /weft/attach/c1", 404, "container c1 not found\n");
        WeaveException e = assertThrows(WeaveException.class, () -> client.call("POST", "/weft/attach/c1", Map.of()));
        assertEquals(1, e.exitCode());
        assertEquals("container c1 not found", e.getMessage());
    }

    @Test
    void weftPathTheRouterDoesNotServeExits4() {
        fake.answer("POST /weft/attach/c1", 404, "404 page not found\n");
        WeaveException e = assertThrows(WeaveException.class, () -> client.call("POST", "/weft/attach/c1", Map.of()));
        assertEquals(4, e.exitCode());
        assertEquals("the router does not serve /weft/attach/c1 (that part of weave is disabled)", e.getMessage());
    }

    @Test
    void otherErrorsGiveEveryLineOfTheAnswerOnOneLineAndExit1() {
        fake.answer("POST /connect", 400,
                "invalid peer name \"a:b:c\", should be host[:port]\n\ninvalid peer name \"x:\", should be host[:port]\n");
        WeaveException e = assertThrows(WeaveException.class, () -> client.call("POST", "/connect", Map.of()));
        assertEquals(1, e.exitCode());
        assertEquals("invalid peer name \"a:b:c\", should be host[:port]; invalid peer name \"x:\", should be host[:port]",
                e.getMessage());
    }

    @Test
    void downAndAbsent() {
        fake.down();
        assertEquals("weave container is not present. Have you launched it?", failure().getMessage());
    }

    @Test
    void downAndStopped() {
        fake.down();
        probe.with("weave", new ContainerState("abc", "exited", "weft/weave:0.1.0", false, 0));
        assertEquals("weave container is not running.", failure().getMessage());
    }

    @Test
    void downAndRestarting() {
        fake.down();
        probe.with("weave", new ContainerState("abc", "restarting", "weft/weave:0.1.0", true, 0));
        assertEquals("weave container is restarting.", failure().getMessage());
    }

    @Test
    void downButContainerRunningSaysWhatFailed() {
        fake.down();
        probe.with("weave", new ContainerState("abc", "running", "weft/weave:0.1.0", false, 42));
        assertEquals("cannot reach the router at 127.0.0.1:6784: Connection refused", failure().getMessage());
    }

    private WeaveException failure() {
        WeaveException e = assertThrows(WeaveException.class, () -> client.get("/status"));
        assertEquals(2, e.exitCode());
        return e;
    }
}
