package dev.weft.router.attach;

import dev.weft.router.api.ApiException;
import dev.weft.router.api.ApiHandler;
import dev.weft.router.api.ApiRequest;
import dev.weft.router.api.ApiResponse;
import dev.weft.router.api.ApiRoutes;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Routes registered by modules, called as the daemon's HTTP server would, errors turned into responses. */
final class TestRoutes implements ApiRoutes {
    private final Map<String, ApiHandler> handlers = new LinkedHashMap<>();

    @Override
    public void add(String method, String pattern, ApiHandler handler) {
        handlers.put(method + " " + pattern, handler);
    }

    ApiResponse call(String method, String path, Map<String, List<String>> params) {
        for (Map.Entry<String, ApiHandler> e : handlers.entrySet()) {
            String[] mp = e.getKey().split(" ", 2);
            Map<String, String> pathParams = match(mp[1], path);
            if (mp[0].equals(method) && pathParams != null) {
                try {
                    return e.getValue().handle(new ApiRequest(method, path, pathParams, params, Map.of()));
                } catch (ApiException ex) {
                    return ApiResponse.text(ex.status(), ex.getMessage());
                } catch (Exception ex) {
                    return ApiResponse.text(500, ex.getMessage());
                }
            }
        }
        return ApiResponse.text(404, "404 page not found");
    }

    private static Map<String, String> match(String pattern, String path) {
        String[] p = pattern.split("/");
        String[] a = path.split("/");
        if (p.length != a.length) {
            return null;
        }
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < p.length; i++) {
            if (p[i].startsWith("{")) {
                out.put(p[i].substring(1, p[i].length() - 1), a[i]);
            } else if (!p[i].equals(a[i])) {
                return null;
            }
        }
        return out;
    }
}
