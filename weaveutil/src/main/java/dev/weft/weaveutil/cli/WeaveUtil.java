package dev.weft.weaveutil.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code weaveutil} command: plumbing for the CLI and router. It runs once per call, so it is a
 * plain dispatch on the first argument without a command-line framework. Errors go to stderr as one
 * line with exit status 1.
 */
public final class WeaveUtil {
    private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

    static {
        for (Command c : List.of(new AttachContainerCommand(), new BridgeIpCommand(), new ContainerAddrsCommand(),
                new CreateBridgeCommand(), new DetachContainerCommand(), new DetectBridgeTypeCommand(),
                new NetcheckCommand(), new ProcessAddrsCommand())) {
            COMMANDS.put(c.name(), c);
        }
    }

    private WeaveUtil() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        System.out.flush();
        System.exit(status);
    }

    /** Runs one command; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            usage(err);
            return 1;
        }
        String name = args[0];
        if (name.equals("help") || name.equals("--help") || name.equals("-h")) {
            usage(out);
            return 0;
        }
        Command command = COMMANDS.get(name);
        if (command == null) {
            err.println("\"" + name + "\" cmd is not found");
            usage(err);
            return 1;
        }
        try (CliContext context = new CliContext(out, err)) {
            command.run(Arrays.asList(args).subList(1, args.length), context);
            return 0;
        } catch (Exception e) {
            err.println(oneLine(e));
            if (System.getenv("WEAVEUTIL_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            message = e.getClass().getSimpleName();
        }
        return message.replace('\n', ' ');
    }

    private static void usage(PrintStream stream) {
        stream.println("Usage: weaveutil <command> <args>; commands:");
        stream.println("  help");
        for (Command c : COMMANDS.values()) {
            stream.println("  " + c.name() + " " + c.usage());
        }
    }
}
