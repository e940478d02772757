package dev.weft.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one place failures become text: {@code weave: <message>} on stderr, a stack trace only with
 * {@code --debug}, and the exit status the failure carries.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
    private static final List<String> REMOVED_COMMANDS = List.of("run", "start", "restart", "launch-plugin",
            "stop-plugin", "launch-proxy", "stop-proxy", "launch-router", "stop-router");

    private final boolean debug;

    ErrorReporter(boolean debug) {
        this.debug = debug;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        int code = e instanceof WeaveException weave ? weave.exitCode() : ExitCode.ERROR;
        String message = e instanceof WeaveException ? e.getMessage() : describe(e);
        if (message != null && !message.isEmpty()) {
            err.println("weave: " + message);
        }
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println("weave: " + usageMessage(e, commandLine));
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCode.ERROR;
    }

    private static String usageMessage(ParameterException e, CommandLine commandLine) {
        String help = "'" + commandLine.getCommandSpec().qualifiedName() + " --help'";
        if (e instanceof UnmatchedArgumentException unmatched && commandLine.getParent() == null
                && commandLine.getParseResult().originalArgs().size() > 0
                && !unmatched.getUnmatched().isEmpty()
                && unmatched.getUnmatched().get(0).equals(firstCommandWord(commandLine))) {
            String word = unmatched.getUnmatched().get(0);
            if (REMOVED_COMMANDS.contains(word)) {
                return "the 'weave " + word + "' command was removed in Weave Net 2.0 and weft does not have it";
            }
            return "Unknown weave command '" + word + "'. See 'weave --help'.";
        }
        return e.getMessage() + ". See " + help + ".";
    }

    private static String firstCommandWord(CommandLine root) {
        for (String arg : root.getParseResult().originalArgs()) {
            if (!arg.startsWith("-")) {
                return arg;
            }
        }
        return "";
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getName() : message;
    }
}
