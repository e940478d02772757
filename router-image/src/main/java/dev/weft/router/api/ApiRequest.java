package dev.weft.router.api;

import java.util.List;
import java.util.Map;

/**
 * One HTTP API call, already parsed: path parameters from the route pattern, and parameters from
 * the query string and a form-encoded body merged (query first), as the original API accepts both.
 */
public record ApiRequest(String method, String path, Map<String, String> pathParams,
                         Map<String, List<String>> params, Map<String, String> headers, ClientLink client) {

    /** A request that does not come over a connection. */
    public ApiRequest(String method, String path, Map<String, String> pathParams, Map<String, List<String>> params,
                      Map<String, String> headers) {
        this(method, path, pathParams, params, headers, ClientLink.NEVER_GONE);
    }

    /** Runs {@code action} once if the client disconnects before the answer is sent. */
    public void onClientGone(Runnable action) {
        client.onGone(action);
    }

    public String pathParam(String name) {
        return pathParams.get(name);
    }

    /** First value of a parameter, or null. */
    public String param(String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public List<String> params(String name) {
        return params.getOrDefault(name, List.of());
    }

    /** True when the parameter is present with value "true". */
    public boolean flag(String name) {
        return "true".equals(param(name));
    }

    /** Header lookup by lower-case name. */
    public String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }

    public boolean acceptsJson() {
        String accept = header("accept");
        return accept != null && accept.contains("application/json");
    }
}
