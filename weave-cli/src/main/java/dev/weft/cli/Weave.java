package dev.weft.cli;

import dev.weft.cli.http.JdkSelectorProvider;
import dev.weft.cli.commands.Attach;
import dev.weft.cli.commands.Config;
import dev.weft.cli.commands.Connect;
import dev.weft.cli.commands.Detach;
import dev.weft.cli.commands.DnsAdd;
import dev.weft.cli.commands.DnsArgs;
import dev.weft.cli.commands.DnsLookup;
import dev.weft.cli.commands.DnsRemove;
import dev.weft.cli.commands.EnvCommand;
import dev.weft.cli.commands.Expose;
import dev.weft.cli.commands.Forget;
import dev.weft.cli.commands.Help;
import dev.weft.cli.commands.Launch;
import dev.weft.cli.commands.Reset;
import dev.weft.cli.commands.Setup;
import dev.weft.cli.commands.Stop;
import dev.weft.cli.commands.Hide;
import dev.weft.cli.commands.Prime;
import dev.weft.cli.commands.Ps;
import dev.weft.cli.commands.Report;
import dev.weft.cli.commands.Rmpeer;
import dev.weft.cli.commands.Status;
import dev.weft.cli.commands.Version;
import dev.weft.cli.model.CommandModel;
import dev.weft.cli.model.DeclaredCommand;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The {@code weave} command: global options and the list of subcommands. */
public final class Weave implements Callable<Integer>, DeclaredCommand {

    /** Every subcommand, in the order help lists them. */
    static final List<Map.Entry<String, Class<? extends DeclaredCommand>>> SUBCOMMANDS = List.of(
            Map.entry("launch", Launch.class),
            Map.entry("stop", Stop.class),
            Map.entry("reset", Reset.class),
            Map.entry("setup", Setup.class),
            Map.entry("status", Status.class),
            Map.entry("report", Report.class),
            Map.entry("ps", Ps.class),
            Map.entry("attach", Attach.class),
            Map.entry("detach", Detach.class),
            Map.entry("expose", Expose.class),
            Map.entry("hide", Hide.class),
            Map.entry("dns-add", DnsAdd.class),
            Map.entry("dns-remove", DnsRemove.class),
            Map.entry("dns-lookup", DnsLookup.class),
            Map.entry("dns-args", DnsArgs.class),
            Map.entry("env", EnvCommand.class),
            Map.entry("config", Config.class),
            Map.entry("connect", Connect.class),
            Map.entry("forget", Forget.class),
            Map.entry("rmpeer", Rmpeer.class),
            Map.entry("prime", Prime.class),
            Map.entry("version", Version.class),
            Map.entry("help", Help.class));

    private CommandSpec spec;

    @Override
    public CommandSpec model() {
        spec = CommandModel.command(this, "weave", "Create and manage a weft container network: a flat layer-2 "
                + "network with IP allocation and DNS across hosts.").include(GlobalOptions::declareOn).spec();
        spec.usageMessage().synopsisSubcommandLabel("COMMAND").exitCodeListHeading("%nExit status:%n")
                .exitCodeList(exitCodes());
        return spec;
    }

    private static Map<String, String> exitCodes() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put("0", "success");
        codes.put("1", "usage error or failure");
        codes.put("2", "a container (or the router) is not running, or another container holds its name");
        codes.put("3", "'launch' while weave is already running");
        codes.put("4", "the router part a command needs is disabled");
        return codes;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        spec.commandLine().usage(err);
        err.flush();
        return ExitCode.ERROR;
    }

    /** The command line with every subcommand, its factory and error handling (help, docs, completion). */
    public static CommandLine commandLine(Services services, boolean debug) {
        return commandLine(services, debug, SUBCOMMANDS);
    }

    /**
     * The command line for one invocation. Each registered subcommand's model is built, which the
     * short-lived CLI pays on every call; so when the arguments name a subcommand (other than help) only
     * that one is registered. Anything else gets them all, for usage and errors.
     */
    static CommandLine commandLineFor(Services services, boolean debug, String... args) {
        return commandLine(services, debug, invokedSubcommand(args).map(List::of).orElse(SUBCOMMANDS));
    }

    static Optional<Map.Entry<String, Class<? extends DeclaredCommand>>> invokedSubcommand(String... args) {
        for (String arg : args) {
            if (arg.equals("--help")) {
                return Optional.empty();
            }
            if (!arg.startsWith("-")) {
                return SUBCOMMANDS.stream().filter(e -> e.getKey().equals(arg) && !arg.equals("help")).findFirst();
            }
        }
        return Optional.empty();
    }

    private static CommandLine commandLine(Services services, boolean debug,
                                           List<Map.Entry<String, Class<? extends DeclaredCommand>>> subcommands) {
        CommandFactory factory = new CommandFactory(services);
        CommandLine commandLine = new CommandLine(new Weave().model(), factory);
        for (Map.Entry<String, Class<? extends DeclaredCommand>> subcommand : subcommands) {
            commandLine.addSubcommand(subcommand.getKey(),
                    new CommandLine(create(factory, subcommand.getValue()).model(), factory));
        }
        ErrorReporter reporter = new ErrorReporter(debug);
        commandLine.setExecutionExceptionHandler(reporter);
        commandLine.setParameterExceptionHandler(reporter);
        commandLine.setExecutionStrategy(new RemoteExecution(services, new CommandLine.RunLast()));
        return commandLine;
    }

    private static DeclaredCommand create(CommandFactory factory, Class<? extends DeclaredCommand> type) {
        try {
            return factory.create(type);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the " + type.getSimpleName() + " command", e);
        }
    }

    /**
     * Two look-ups picocli makes on its first use cost the short-lived CLI most of its start-up: the search
     * for Groovy's {@code Closure} class opens every jar on the class path, and the built-in converters for
     * java.sql and java.time types (which no option uses) reflect over those classes.
     */
    static void skipPicocliLookups() {
        System.setProperty("picocli.disable.closures", "true");
        System.setProperty("picocli.converters.excludes", "java\\.sql\\..*,java\\.time\\..*");
    }

    /** Runs one invocation and returns its exit status. */
    public static int run(Services services, PrintWriter out, PrintWriter err, String... args) {
        boolean debug = Arrays.asList(args).contains("--debug")
                || !services.env().get("WEAVE_DEBUG", "").isEmpty();
        CommandLine commandLine = commandLineFor(services, debug, args);
        commandLine.setOut(out);
        commandLine.setErr(err);
        int status = commandLine.execute(args);
        out.flush();
        err.flush();
        return status;
    }

    public static void main(String[] args) {
        JdkSelectorProvider.name();
        skipPicocliLookups();
        PrintWriter out = new PrintWriter(System.out, false);
        PrintWriter err = new PrintWriter(System.err, false);
        System.exit(run(Services.system(), out, err, args));
    }
}
