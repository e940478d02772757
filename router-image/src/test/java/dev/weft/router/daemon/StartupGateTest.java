package dev.weft.router.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.router.api.ApiException;
import dev.weft.router.api.ApiHandler;
import dev.weft.router.api.ApiRequest;
import dev.weft.router.api.ApiResponse;
import dev.weft.router.status.Readiness;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StartupGateTest {

    private final Map<String, ApiHandler> registered = new HashMap<>();
    private final Readiness readiness = new Readiness();
    private final AtomicInteger served = new AtomicInteger();

    private ApiResponse call(String pattern) throws Exception {
        return registered.get(pattern).handle(new ApiRequest("POST", pattern, Map.of(), Map.of(), Map.of()));
    }

    private void register(Duration patience) {
        new StartupGate((method, pattern, handler) -> registered.put(pattern, handler), readiness, patience)
                .add("POST", "/weft/attach/{container}", request -> ApiResponse.ok("served " + served.incrementAndGet()));
    }

    @Test
    void aRequestDuringStartUpWaitsUntilReady() throws Exception {
        register(Duration.ofSeconds(30));
        readiness.waitingFor("reconciling");
        CompletableFuture<ApiResponse> early = CompletableFuture.supplyAsync(() -> {
            try {
                return call("/weft/attach/{container}");
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(200);
        assertFalse(early.isDone(), "answered before the daemon was ready");
        assertEquals(0, served.get());
        readiness.ready();
        assertEquals("served 1", early.get(10, TimeUnit.SECONDS).bodyText());
    }

    @Test
    void onceReadyRequestsPassStraightThrough() throws Exception {
        register(Duration.ZERO);
        readiness.ready();
        assertEquals("served 1", call("/weft/attach/{container}").bodyText());
    }

    @Test
    void aDaemonThatNeverGetsReadyAnswers503WithTheReason() {
        register(Duration.ofMillis(50));
        readiness.waitingFor("reconciling addresses");
        ApiException e = assertThrows(ApiException.class, () -> call("/weft/attach/{container}"));
        assertEquals(503, e.status());
        assertEquals("the router is still starting: reconciling addresses", e.getMessage());
        assertEquals(0, served.get(), "the handler ran although the daemon never got ready");
    }
}
