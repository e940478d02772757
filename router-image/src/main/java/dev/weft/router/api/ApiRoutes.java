package dev.weft.router.api;

/**
 * Where components register their HTTP endpoints. A pattern is a path whose segments may be
 * placeholders, e.g. {@code /ip/{id}/{ip}/{len}}; a placeholder matches exactly one segment.
 * An optional {@code /v1.41} style prefix is not involved here (that is the Docker proxy's business).
 */
public interface ApiRoutes {
    void add(String method, String pattern, ApiHandler handler);
}
