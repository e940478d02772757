package dev.weft.cli.router;

/** One answer of the router's HTTP API. */
public record RouterResponse(int status, String body) {

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** The body's first line, trimmed: what an error message shows. */
    public String firstLine() {
        String trimmed = body.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline).strip();
    }
}
