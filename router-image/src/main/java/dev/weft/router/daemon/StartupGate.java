package dev.weft.router.daemon;

import dev.weft.router.api.ApiException;
import dev.weft.router.api.ApiHandler;
import dev.weft.router.api.ApiRoutes;
import dev.weft.router.status.Readiness;
import java.time.Duration;

/**
 * Registers component routes so that a request arriving while the daemon is still starting waits for
 * it to be ready. Without this, an attach served between opening the store and reconciling IPAM with
 * the running containers would be undone by that reconciliation.
 */
final class StartupGate implements ApiRoutes {

    private final ApiRoutes routes;
    private final Readiness readiness;
    private final Duration patience;

    StartupGate(ApiRoutes routes, Readiness readiness, Duration patience) {
        this.routes = routes;
        this.readiness = readiness;
        this.patience = patience;
    }

    @Override
    public void add(String method, String pattern, ApiHandler handler) {
        routes.add(method, pattern, request -> {
            if (!readiness.isReady() && !readiness.awaitReady(patience)) {
                throw new ApiException(503, "the router is still starting: " + readiness.reason());
            }
            return handler.handle(request);
        });
    }
}
