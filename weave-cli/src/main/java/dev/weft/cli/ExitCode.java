package dev.weft.cli;

/** The exit statuses of {@code weave}, as the original's scripts rely on them. */
public final class ExitCode {
    public static final int OK = 0;
    /** Usage errors and failures in general. */
    public static final int ERROR = 1;
    /** A container is not running, or another container holds the router's name. */
    public static final int NOT_RUNNING = 2;
    /** {@code launch} while the router already runs. */
    public static final int ALREADY_RUNNING = 3;
    /** The router answered 404: the component serving that path is disabled. */
    public static final int DISABLED = 4;

    private ExitCode() {
    }
}
