package dev.weft.cli;

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
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** The {@code weave} command: global options and the list of subcommands. */
@Command(name = "weave",
        description = "Create and manage a weft container network: a flat layer-2 network with IP allocation "
                + "and DNS across hosts.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {
                Launch.class,
                Stop.class,
                Reset.class,
                Setup.class,
                Status.class,
                Report.class,
                Ps.class,
                Attach.class,
                Detach.class,
                Expose.class,
                Hide.class,
                DnsAdd.class,
                DnsRemove.class,
                DnsLookup.class,
                DnsArgs.class,
                EnvCommand.class,
                Config.class,
                Connect.class,
                Forget.class,
                Rmpeer.class,
                Prime.class,
                Version.class,
                Help.class,
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
                "0:success",
                "1:usage error or failure",
                "2:a container (or the router) is not running, or another container holds its name",
                "3:'launch' while weave is already running",
                "4:the router part a command needs is disabled",
        })
public final class Weave implements Callable<Integer> {

    @Mixin
    GlobalOptions globalOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        spec.commandLine().usage(err);
        err.flush();
        return ExitCode.ERROR;
    }

    /** The command line with its factory and error handling, writing to System.out/err. */
    public static CommandLine commandLine(Services services, boolean debug) {
        CommandLine commandLine = new CommandLine(new Weave(), new CommandFactory(services));
        ErrorReporter reporter = new ErrorReporter(debug);
        commandLine.setExecutionExceptionHandler(reporter);
        commandLine.setParameterExceptionHandler(reporter);
        commandLine.setExecutionStrategy(new RemoteExecution(services, new CommandLine.RunLast()));
        return commandLine;
    }

    /** Runs one invocation and returns its exit status. */
    public static int run(Services services, PrintWriter out, PrintWriter err, String... args) {
        boolean debug = Arrays.asList(args).contains("--debug")
                || !services.env().get("WEAVE_DEBUG", "").isEmpty();
        CommandLine commandLine = commandLine(services, debug);
        commandLine.setOut(out);
        commandLine.setErr(err);
        int status = commandLine.execute(args);
        out.flush();
        err.flush();
        return status;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, false);
        PrintWriter err = new PrintWriter(System.err, false);
        System.exit(run(Services.system(), out, err, args));
    }
}
