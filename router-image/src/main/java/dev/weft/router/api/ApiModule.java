package dev.weft.router.api;

/** A component's HTTP endpoints. Components of a disabled service are simply not registered (404). */
public interface ApiModule {
    void register(ApiRoutes routes);
}
