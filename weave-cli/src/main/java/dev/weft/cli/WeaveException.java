package dev.weft.cli;

/**
 * How a command fails: the exit status and a one-line message for stderr. An empty message exits
 * quietly (the command already said what went wrong, or the original stays silent there).
 */
public class WeaveException extends RuntimeException {
    private final int exitCode;

    public WeaveException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public WeaveException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public static WeaveException error(String message) {
        return new WeaveException(ExitCode.ERROR, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
