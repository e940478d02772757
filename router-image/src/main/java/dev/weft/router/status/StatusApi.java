package dev.weft.router.status;

import dev.weft.router.api.ApiException;
import dev.weft.router.api.ApiModule;
import dev.weft.router.api.ApiRequest;
import dev.weft.router.api.ApiResponse;
import dev.weft.router.api.ApiRoutes;
import dev.weft.router.api.StatusSection;
import dev.weft.router.template.GoTemplate;
import dev.weft.router.template.TemplateException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/** {@code /status}, {@code /status/<sub>}, {@code /report} and {@code /metrics}: what the status address serves. */
public final class StatusApi implements ApiModule {

    private static final Set<String> SERVICE_SUBS = Set.of("dns", "ipam");

    private final StatusBoard board;
    private final WeaveMetrics metrics;

    public StatusApi(StatusBoard board, WeaveMetrics metrics) {
        this.board = board;
        this.metrics = metrics;
    }

    /** True for the patterns the status address serves; {@code --metrics-addr} serves only {@code /metrics}. */
    public static boolean isStatusPattern(String pattern) {
        return pattern.equals("/status") || pattern.startsWith("/status/") || pattern.equals("/report")
                || pattern.equals("/metrics");
    }

    @Override
    public void register(ApiRoutes routes) {
        routes.add("GET", "/status", r -> status());
        routes.add("GET", "/status/{sub}", r -> subStatus(r.pathParam("sub")));
        routes.add("GET", "/report", this::report);
        routes.add("GET", "/metrics", r -> new ApiResponse(200, WeaveMetrics.CONTENT_TYPE,
                metrics.scrape(board.report()).getBytes(StandardCharsets.UTF_8)));
    }

    private ApiResponse status() {
        Readiness readiness = board.readiness();
        String reason = readiness.reason();
        if (reason != null) {
            return ApiResponse.text(503, reason + "\n");
        }
        return ApiResponse.ok(board.statusText());
    }

    private ApiResponse subStatus(String sub) {
        RouterStatusSection router = board.router();
        switch (sub) {
            case "targets":
                return ApiResponse.ok(router.targetsText());
            case "connections":
                return ApiResponse.ok(router.connectionsText());
            case "peers":
                return ApiResponse.ok(router.peersText());
            default:
                if (!SERVICE_SUBS.contains(sub)) {
                    throw ApiException.notFound("404 page not found");
                }
                StatusSection section = board.section(sub)
                        .orElseThrow(() -> new ApiException(500, sub + " is disabled"));
                String detail = section.detail();
                return ApiResponse.ok(detail == null ? "" : detail);
        }
    }

    /** A {@code format} parameter renders that template; otherwise JSON when asked for. */
    private ApiResponse report(ApiRequest request) throws TemplateException {
        List<String> formats = request.params("format");
        if (formats.isEmpty() && request.acceptsJson()) {
            return new ApiResponse(200, ApiResponse.JSON,
                    ReportJson.indented(board.report()).getBytes(StandardCharsets.UTF_8));
        }
        if (formats.size() != 1) {
            throw ApiException.badRequest("must specify exactly one format, or ask for application/json");
        }
        GoTemplate template;
        try {
            template = GoTemplate.parse(formats.get(0));
        } catch (TemplateException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        try {
            return ApiResponse.ok(template.execute(board.report()));
        } catch (TemplateException e) {
            throw new ApiException(500, e.getMessage());
        }
    }
}
