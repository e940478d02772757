package dev.weft.router.http;

import dev.weft.router.api.ApiException;
import dev.weft.router.api.ApiRequest;
import dev.weft.router.api.ApiResponse;
import dev.weft.router.api.ClientLink;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one received HTTP request into an {@link ApiRequest}, runs the matching handler and returns
 * its answer or error: 404 and 405 as Go's mux words them, 400 for malformed requests, an
 * {@link ApiException}'s status, 500 for anything else. Knows nothing of the server underneath.
 */
final class RouteInvoker {
    private static final Logger LOG = LoggerFactory.getLogger(RouteInvoker.class);
    private static final String FORM = "application/x-www-form-urlencoded";

    private final RouteTable routes;

    RouteInvoker(RouteTable routes) {
        this.routes = routes;
    }

    /** @param headers lower-case names, first value each */
    ApiResponse answer(String method, String uri, Map<String, String> headers, byte[] body, ClientLink client) {
        String path = uri;
        try {
            URI parsed = new URI(uri);
            path = parsed.getRawPath();
            if (path == null || !path.startsWith("/")) {
                return ApiResponse.text(400, "malformed request target: " + oneLine(uri));
            }
            RouteTable.Match match = routes.match(method, path);
            if (match instanceof RouteTable.NotFound) {
                return ApiResponse.text(404, "404 page not found\n");
            }
            if (match instanceof RouteTable.WrongMethod) {
                return ApiResponse.text(405, "405 method not allowed\n");
            }
            RouteTable.Found found = (RouteTable.Found) match;
            ApiRequest request = new ApiRequest(method.toUpperCase(Locale.ROOT), path, found.pathParams(),
                    RequestParams.decode(parsed.getRawQuery(), formBody(headers, body)), headers, client);
            ApiResponse response = found.handler().handle(request);
            return response != null ? response : ApiResponse.noContent();
        } catch (URISyntaxException e) {
            return ApiResponse.text(400, "malformed request target: " + oneLine(e.getMessage()));
        } catch (ApiException e) {
            return ApiResponse.text(e.status(), oneLine(e.getMessage()));
        } catch (MalformedRequestException e) {
            return ApiResponse.text(400, oneLine(e.getMessage()));
        } catch (Exception e) {
            LOG.error("{} {}: {}", method, path, e.toString());
            LOG.debug("{} {} failed", method, path, e);
            return ApiResponse.text(500, oneLine(e.getMessage() != null ? e.getMessage() : e.toString()));
        }
    }

    static String oneLine(String message) {
        String text = message == null ? "" : message.replace('\n', ' ').replace('\r', ' ').strip();
        return text + "\n";
    }

    private static String formBody(Map<String, String> headers, byte[] body) {
        String type = headers.get("content-type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith(FORM)) {
            return null;
        }
        return new String(body, StandardCharsets.UTF_8);
    }
}
