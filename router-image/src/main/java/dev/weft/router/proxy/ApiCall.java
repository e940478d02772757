package dev.weft.router.proxy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Docker API request is, as far as the proxy cares (SPEC §9.1): the few calls it rewrites,
 * the calls that may take over the connection (attach, exec start), and everything else. Paths may
 * carry a version prefix such as {@code /v1.41}.
 *
 * @param id the container or exec id (or name) from the path; empty for create and other calls
 */
public record ApiCall(Kind kind, String id) {

    public enum Kind {
        CREATE_CONTAINER, START_CONTAINER, RESTART_CONTAINER, INSPECT_CONTAINER, CREATE_EXEC, INSPECT_EXEC,
        ATTACH_CONTAINER, START_EXEC, OTHER
    }

    private static final String VERSION = "(?:/v[0-9.]+)?";
    private static final Pattern CONTAINER = Pattern.compile("^" + VERSION + "/containers/([^/]+)/([a-z]+)$");
    private static final Pattern CREATE = Pattern.compile("^" + VERSION + "/containers/create$");
    private static final Pattern EXEC = Pattern.compile("^" + VERSION + "/exec/([^/]+)/([a-z]+)$");

    public static final ApiCall OTHER = new ApiCall(Kind.OTHER, "");

    /** @param path the request path without the query */
    public static ApiCall classify(String method, String path) {
        if (CREATE.matcher(path).matches()) {
            return method.equals("POST") ? new ApiCall(Kind.CREATE_CONTAINER, "") : OTHER;
        }
        Matcher m = CONTAINER.matcher(path);
        if (m.matches()) {
            Kind kind = switch (method + " " + m.group(2)) {
                case "POST start" -> Kind.START_CONTAINER;
                case "POST restart" -> Kind.RESTART_CONTAINER;
                case "GET json" -> Kind.INSPECT_CONTAINER;
                case "POST exec" -> Kind.CREATE_EXEC;
                case "POST attach" -> Kind.ATTACH_CONTAINER;
                default -> Kind.OTHER;
            };
            return kind == Kind.OTHER ? OTHER : new ApiCall(kind, m.group(1));
        }
        m = EXEC.matcher(path);
        if (m.matches()) {
            Kind kind = switch (method + " " + m.group(2)) {
                case "GET json" -> Kind.INSPECT_EXEC;
                case "POST start" -> Kind.START_EXEC;
                default -> Kind.OTHER;
            };
            return kind == Kind.OTHER ? OTHER : new ApiCall(kind, m.group(1));
        }
        return OTHER;
    }

    /** The path of the request without its query string. */
    public static String pathOf(String uri) {
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }

    /** Calls whose answer may turn the connection into a raw two-way stream. */
    public boolean mayHijack() {
        return kind == Kind.ATTACH_CONTAINER || kind == Kind.START_EXEC;
    }
}
