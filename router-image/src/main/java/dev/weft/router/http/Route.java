package dev.weft.router.http;

import dev.weft.router.api.ApiHandler;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One endpoint: a method and a path pattern whose {@code {name}} segments each match one non-empty segment. */
record Route(String method, String pattern, ApiHandler handler) {

    Route {
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException("route pattern must start with '/': " + pattern);
        }
    }

    /** Path parameters when the (decoded) segments fit this pattern, else null. */
    Map<String, String> bind(List<String> segments) {
        List<String> parts = split(pattern);
        if (parts.size() != segments.size()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            String segment = segments.get(i);
            if (isPlaceholder(part)) {
                if (segment.isEmpty()) {
                    return null;
                }
                params.put(part.substring(1, part.length() - 1), segment);
            } else if (!part.equals(segment)) {
                return null;
            }
        }
        return params;
    }

    private static boolean isPlaceholder(String part) {
        return part.length() > 2 && part.startsWith("{") && part.endsWith("}");
    }

    /** Splits a raw path into URL-decoded segments; "/" gives no segments. */
    static List<String> split(String rawPath) {
        List<String> segments = new ArrayList<>();
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        if (path.isEmpty()) {
            return segments;
        }
        for (String segment : path.split("/", -1)) {
            try {
                segments.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new MalformedRequestException("invalid URL escape in " + segment);
            }
        }
        return segments;
    }
}
