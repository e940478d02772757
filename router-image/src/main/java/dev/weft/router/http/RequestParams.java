package dev.weft.router.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Decodes {@code application/x-www-form-urlencoded} text (a query string or a form body) into ordered multi-values. */
final class RequestParams {

    private RequestParams() {}

    /** Adds the pairs of {@code encoded} to {@code into}, keeping earlier values first. */
    static void decodeInto(String encoded, Map<String, List<String>> into) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            into.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
    }

    static Map<String, List<String>> decode(String query, String formBody) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        decodeInto(query, params);
        decodeInto(formBody, params);
        return params;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new MalformedRequestException("invalid URL escape in " + text);
        }
    }
}
