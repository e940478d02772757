package dev.weft.router.daemon;

import dev.weft.router.api.ApiModule;
import dev.weft.router.api.ApiResponse;
import dev.weft.router.api.ApiRoutes;
import java.util.List;

/**
 * {@code GET /weft/notices}: what the router had to do about its environment at start (e.g. setting
 * aside Weave Net's old data file), one line each, so that {@code weave launch} can show them.
 */
final class StartupNotices implements ApiModule {
    private final List<String> lines;

    StartupNotices(List<String> lines) {
        this.lines = List.copyOf(lines);
    }

    @Override
    public void register(ApiRoutes routes) {
        routes.add("GET", "/weft/notices", request -> ApiResponse.ok(
                lines.isEmpty() ? "" : String.join("\n", lines) + "\n"));
    }
}
