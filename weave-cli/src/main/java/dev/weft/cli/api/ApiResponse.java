package dev.weft.cli.api;

import java.util.stream.Collectors;

/** One answer of the router's HTTP API. */
public record ApiResponse(int status, String body) {

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /**
     * The body as one line, what an error message shows: its non-blank lines, trimmed, joined by
     * "; " (the router answers one line per problem, e.g. per bad peer of {@code weave connect}).
     */
    public String message() {
        return body.lines().map(String::strip).filter(line -> !line.isEmpty())
                .collect(Collectors.joining("; "));
    }
}
