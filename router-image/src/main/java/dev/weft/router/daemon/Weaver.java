package dev.weft.router.daemon;

import dev.weft.router.identity.Nickname;
import dev.weft.router.identity.PeerIdentity;
import dev.weft.router.identity.PeerName;
import dev.weft.router.identity.PeerNameDeriver;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** {@code weaver}: the router daemon's command line. Parses and checks the flags, then runs the {@link Daemon}. */
public final class Weaver implements Callable<Integer> {

    /** Runs the daemon; the seam tests replace to check parsing without starting anything. */
    @FunctionalInterface
    interface Runner {
        int run(DaemonConfig config) throws Exception;
    }

    final WeaverOptions options = new WeaverOptions();
    final CommandSpec spec;

    private final Runner runner;
    private final String environmentPassword;

    Weaver(Runner runner, String environmentPassword) {
        this.runner = runner;
        this.environmentPassword = environmentPassword;
        this.spec = CommandSpec.wrapWithoutInspection(this).name("weaver");
        spec.usageMessage().description("The weft router: bridge, IPAM, weaveDNS and HTTP API.").sortOptions(false);
        options.declareIn(new OptionModel(spec));
    }

    public static void main(String[] args) {
        StartupWarmUp.startInBackground(Weaver.class.getClassLoader());
        skipPicocliLookups();
        System.exit(execute(new Weaver(Daemon::runUntilStopped, System.getenv("WEAVE_PASSWORD")), args,
                new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Switches off two look-ups picocli makes for every option while it builds the model, which the
     * router's options need neither of: Groovy closures in annotations (a class search through every jar
     * on the class path) and the converters for java.sql and java.time types (reflection over those
     * classes). ~170 ms of the router's start, which runs interpreted (weaver's JIT flags).
     */
    static void skipPicocliLookups() {
        System.setProperty("picocli.disable.closures", "true");
        System.setProperty("picocli.converters.excludes", "java\\.sql\\..*,java\\.time\\..*");
    }

    static int execute(Weaver weaver, String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(weaver.spec);
        // launch puts its own flags first and the user's after them: the last value wins, as with Go's flags
        cli.setOverwrittenOptionsAllowed(true);
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler(new BadFlags(err));
        cli.setExecutionExceptionHandler(new FailedStart(err));
        return cli.execute(GoStyleArgs.normalise(args));
    }

    // The two handlers are classes, not lambdas: picocli's interfaces are Java 5 class files, which the
    // class data archive (router.jsa) can hold only if nothing links them while it is made, as a lambda does.
    // Left out of it, their first use searched the jars on the main thread: ~70 ms of every start.

    /** A flag weaver does not know or cannot parse: one line, exit code 1. */
    private static final class BadFlags implements CommandLine.IParameterExceptionHandler {
        private final PrintWriter err;

        BadFlags(PrintWriter err) {
            this.err = err;
        }

        @Override
        public int handleParseException(CommandLine.ParameterException e, String[] args) {
            err.println("weaver: " + e.getMessage());
            return 1;
        }
    }

    /** The daemon failed to start or stopped on an error: one line, exit code 1. */
    private static final class FailedStart implements CommandLine.IExecutionExceptionHandler {
        private final PrintWriter err;

        FailedStart(PrintWriter err) {
            this.err = err;
        }

        @Override
        public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
            err.println("weaver: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            return 1;
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (options.version) {
            out.println("weave " + Version.current());
            return 0;
        }
        try {
            LogSetup.configure(options.logLevel);
            StartupWarmUp.loggingConfigured();
            PeerName name = PeerNameDeriver.forHost(Path.of(options.hostRoot))
                    .derive(options.name, options.weaveBridge);
            if (options.printPeerName) {
                out.println(name);
                return 0;
            }
            PeerIdentity identity = new PeerIdentity(name, Nickname.choose(options.nickname));
            DaemonConfig config = DaemonConfig.from(options, identity, environmentPassword);
            for (String notice : config.startupNotices()) {
                org.slf4j.LoggerFactory.getLogger(UnsupportedFlags.class).warn(notice);
            }
            return runner.run(config);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }
}
