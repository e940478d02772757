package dev.weft.cli.commands;

import dev.weft.cli.Services;
import dev.weft.cli.service.LaunchOptions;
import dev.weft.cli.service.RouterLauncher;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/** {@code weave launch [flags] [<peer>...]}: starts the router container and prints its id. */
@Command(name = "launch", description = "Start the weave router on this host, connecting to the given peers. "
        + "Options not listed here are passed to the router.")
public final class Launch extends WeaveCommand {

    @Option(names = "--password", paramLabel = "PASSWORD",
            description = "Encrypt traffic between peers with this password (or set WEAVE_PASSWORD).")
    String password;

    @Option(names = "--port", paramLabel = "PORT", description = "The mesh port (default 6783, or WEAVE_PORT).")
    String port;

    @Option(names = {"--ipalloc-range", "--iprange"}, paramLabel = "CIDR",
            description = "The address range IP allocation manages (default " + RouterLauncher.DEFAULT_RANGE
                    + "); empty to disable IP allocation.")
    String ipallocRange;

    @Option(names = "--no-restart", description = "Do not restart the router when it stops or Docker restarts.")
    boolean noRestart;

    @Unmatched
    List<String> routerArgs = new ArrayList<>();

    Launch(Services services) {
        super(services);
    }

    @Override
    protected void execute() {
        LaunchOptions options = new LaunchOptions(port, ipallocRange, password, noRestart, routerArgs);
        out().println(new RouterLauncher(services.env(), services.docker(), services.api(), services.host(), err())
                .launch(options));
    }
}
