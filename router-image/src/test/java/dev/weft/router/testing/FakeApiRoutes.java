package dev.weft.router.testing;

import dev.weft.router.api.ApiException;
import dev.weft.router.api.ApiHandler;
import dev.weft.router.api.ApiModule;
import dev.weft.router.api.ApiRequest;
import dev.weft.router.api.ApiResponse;
import dev.weft.router.api.ApiRoutes;
import dev.weft.router.http.RouteTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the routes modules register and calls them without a socket: matched by the router's own
 * {@link RouteTable}, errors turned into a status and their message as the HTTP server does (without
 * its trailing newline).
 */
public final class FakeApiRoutes implements ApiRoutes {
    private final RouteTable table = new RouteTable();

    public FakeApiRoutes() {}

    public FakeApiRoutes(ApiModule module) {
        module.register(this);
    }

    @Override
    public void add(String method, String pattern, ApiHandler handler) {
        table.add(method, pattern, handler);
    }

    /** Calls {@code method path} with name/value parameter pairs, e.g. {@code "fqdn", "web.weave.local."}. */
    public ApiResponse call(String method, String path, String... params) {
        return call(method, path, Map.of(), params);
    }

    /** As {@link #call(String, String, String...)}, with request headers keyed by lower-case name. */
    public ApiResponse call(String method, String path, Map<String, String> headers, String... params) {
        RouteTable.Match match = table.match(method, path);
        if (match instanceof RouteTable.WrongMethod) {
            return ApiResponse.text(405, "405 method not allowed");
        }
        if (!(match instanceof RouteTable.Found found)) {
            return ApiResponse.text(404, "404 page not found");
        }
        ApiRequest request = new ApiRequest(method, path, found.pathParams(), pairs(params), headers);
        try {
            ApiResponse response = found.handler().handle(request);
            return response != null ? response : ApiResponse.noContent();
        } catch (ApiException e) {
            return ApiResponse.text(e.status(), e.getMessage());
        } catch (Exception e) {
            return ApiResponse.text(500, e.getMessage() != null ? e.getMessage() : e.toString());
        }
    }

    private static Map<String, List<String>> pairs(String... params) {
        if (params.length % 2 != 0) {
            throw new IllegalArgumentException("parameters come in name/value pairs");
        }
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            map.computeIfAbsent(params[i], k -> new ArrayList<>()).add(params[i + 1]);
        }
        return map;
    }
}
