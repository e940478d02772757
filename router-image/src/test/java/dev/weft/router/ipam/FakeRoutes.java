package dev.weft.router.ipam;

import dev.weft.router.api.ApiException;
import dev.weft.router.api.ApiHandler;
import dev.weft.router.api.ApiRequest;
import dev.weft.router.api.ApiResponse;
import dev.weft.router.api.ApiRoutes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects registered routes and dispatches requests to them the way the daemon's router does. */
final class FakeRoutes implements ApiRoutes {
    record Route(String method, String pattern, ApiHandler handler) {}

    final List<Route> routes = new ArrayList<>();

    @Override
    public void add(String method, String pattern, ApiHandler handler) {
        routes.add(new Route(method, pattern, handler));
    }

    ApiResponse call(String method, String path, String... params) throws Exception {
        String[] segments = path.split("/", -1);
        for (Route route : routes) {
            String[] pattern = route.pattern.split("/", -1);
            if (!route.method.equals(method) || pattern.length != segments.length) {
                continue;
            }
            Map<String, String> pathParams = new HashMap<>();
            boolean match = true;
            for (int i = 0; i < pattern.length && match; i++) {
                if (pattern[i].startsWith("{")) {
                    pathParams.put(pattern[i].substring(1, pattern[i].length() - 1), segments[i]);
                } else {
                    match = pattern[i].equals(segments[i]);
                }
            }
            if (match) {
                Map<String, List<String>> query = new LinkedHashMap<>();
                for (int i = 0; i + 1 < params.length; i += 2) {
                    query.computeIfAbsent(params[i], k -> new ArrayList<>()).add(params[i + 1]);
                }
                try {
                    return route.handler.handle(new ApiRequest(method, path, pathParams, query, Map.of()));
                } catch (ApiException e) {
                    return ApiResponse.text(e.status(), e.getMessage());
                }
            }
        }
        return ApiResponse.text(404, "404 page not found");
    }
}
