package dev.weft.router.http;

import dev.weft.router.api.ApiHandler;
import dev.weft.router.api.ApiRoutes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The registered endpoints of the router, matched by method and path. A server may see only part
 * of the table (the status address serves only {@code /status*}, {@code /report} and {@code /metrics}).
 */
public final class RouteTable implements ApiRoutes {

    /** What a lookup found: a handler with its path parameters, a path without that method, or nothing. */
    public sealed interface Match permits Found, WrongMethod, NotFound {}

    public record Found(ApiHandler handler, Map<String, String> pathParams) implements Match {}

    public record WrongMethod() implements Match {}

    public record NotFound() implements Match {}

    private final List<Route> routes;
    private final Predicate<String> visiblePatterns;

    public RouteTable() {
        this(new CopyOnWriteArrayList<>(), pattern -> true);
    }

    private RouteTable(List<Route> routes, Predicate<String> visiblePatterns) {
        this.routes = routes;
        this.visiblePatterns = visiblePatterns;
    }

    @Override
    public void add(String method, String pattern, ApiHandler handler) {
        routes.add(new Route(method, pattern, handler));
    }

    /** A live view showing only the routes whose pattern passes {@code filter}; registrations go to the whole table. */
    public RouteTable view(Predicate<String> filter) {
        return new RouteTable(routes, visiblePatterns.and(filter));
    }

    public Match match(String method, String path) {
        List<String> segments = Route.split(path);
        boolean pathKnown = false;
        for (Route route : visible()) {
            Map<String, String> params = route.bind(segments);
            if (params == null) {
                continue;
            }
            if (route.method().equalsIgnoreCase(method)) {
                return new Found(route.handler(), params);
            }
            pathKnown = true;
        }
        return pathKnown ? new WrongMethod() : new NotFound();
    }

    private List<Route> visible() {
        List<Route> result = new ArrayList<>();
        for (Route route : routes) {
            if (visiblePatterns.test(route.pattern())) {
                result.add(route);
            }
        }
        return result;
    }
}
