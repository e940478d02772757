package dev.weft.router.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.weft.router.api.ApiException;
import dev.weft.router.api.ApiRequest;
import dev.weft.router.api.ApiResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns one HTTP exchange into an {@link ApiRequest}, runs the matching handler and writes its answer or error. */
final class ApiExchangeHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiExchangeHandler.class);
    private static final String FORM = "application/x-www-form-urlencoded";

    private final RouteTable routes;

    ApiExchangeHandler(RouteTable routes) {
        this.routes = routes;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            ApiResponse response = respond(exchange);
            send(exchange, response);
            LOG.debug("{} {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), response.status());
        }
    }

    private ApiResponse respond(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        try {
            RouteTable.Match match = routes.match(method, path);
            if (match instanceof RouteTable.NotFound) {
                return ApiResponse.text(404, "404 page not found\n");
            }
            if (match instanceof RouteTable.WrongMethod) {
                return ApiResponse.text(405, "405 method not allowed\n");
            }
            RouteTable.Found found = (RouteTable.Found) match;
            ApiRequest request = new ApiRequest(method.toUpperCase(Locale.ROOT), path, found.pathParams(),
                    RequestParams.decode(exchange.getRequestURI().getRawQuery(), formBody(exchange)),
                    headers(exchange));
            ApiResponse response = found.handler().handle(request);
            return response != null ? response : ApiResponse.noContent();
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

    private static String oneLine(String message) {
        String text = message == null ? "" : message.replace('\n', ' ').strip();
        return text + "\n";
    }

    private static String formBody(HttpExchange exchange) throws IOException {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            if (type == null || !type.toLowerCase(Locale.ROOT).startsWith(FORM)) {
                return null;
            }
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : exchange.getRequestHeaders().entrySet()) {
            if (!e.getValue().isEmpty()) {
                headers.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().get(0));
            }
        }
        return headers;
    }

    private static void send(HttpExchange exchange, ApiResponse response) throws IOException {
        byte[] body = response.body();
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        boolean empty = body.length == 0 || response.status() == 204 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(response.status(), empty ? -1 : body.length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
