package dev.weft.router.dns;

import dev.weft.router.api.ApiException;
import dev.weft.router.api.ApiHandler;
import dev.weft.router.api.ApiModule;
import dev.weft.router.api.ApiRequest;
import dev.weft.router.api.ApiResponse;
import dev.weft.router.api.ApiRoutes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects a module's routes and calls them the way the daemon's HTTP server would. */
final class FakeApiRoutes implements ApiRoutes {
    private record Route(String method, String[] segments, ApiHandler handler) {}

    private final List<Route> routes = new ArrayList<>();

    FakeApiRoutes(ApiModule module) {
        module.register(this);
    }

    @Override
    public void add(String method, String pattern, ApiHandler handler) {
        routes.add(new Route(method, pattern.split("/"), handler));
    }

    /** Calls {@code method path} with name/value parameter pairs; an ApiException becomes its status and text. */
    ApiResponse call(String method, String path, String... params) {
        return call(method, path, Map.of(), params);
    }

    ApiResponse call(String method, String path, Map<String, String> headers, String... params) {
        String[] segments = path.split("/");
        for (Route route : routes) {
            Map<String, String> pathParams = match(route, method, segments);
            if (pathParams == null) {
                continue;
            }
            Map<String, List<String>> query = new LinkedHashMap<>();
            for (int i = 0; i + 1 < params.length; i += 2) {
                query.computeIfAbsent(params[i], k -> new ArrayList<>()).add(params[i + 1]);
            }
            try {
                return route.handler().handle(new ApiRequest(method, path, pathParams, query, headers));
            } catch (ApiException e) {
                return ApiResponse.text(e.status(), e.getMessage());
            } catch (Exception e) {
                return ApiResponse.text(500, e.toString());
            }
        }
        return ApiResponse.text(404, "404 page not found");
    }

    private static Map<String, String> match(Route route, String method, String[] segments) {
        if (!route.method().equals(method) || route.segments().length != segments.length) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < segments.length; i++) {
            String want = route.segments()[i];
            if (want.startsWith("{") && want.endsWith("}")) {
                params.put(want.substring(1, want.length() - 1), segments[i]);
            } else if (!want.equals(segments[i])) {
                return null;
            }
        }
        return params;
    }
}
