package dev.weft.cli.commands;

import dev.weft.cli.Services;
import dev.weft.cli.service.LaunchOptions;
import dev.weft.cli.service.ProxyLaunch;
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

    @Option(names = "-H", paramLabel = "ENDPOINT", description = "Where the Docker API proxy listens: "
            + "unix:///absolute/path or tcp://[host]:port (repeatable; default unix:///var/run/weave/weave.sock, or "
            + "tcp://0.0.0.0:12375 when the docker client uses TCP).")
    List<String> proxyHosts = new ArrayList<>();

    @Option(names = "--tls", description = "Serve the proxy's TCP addresses with TLS.")
    boolean tls;

    @Option(names = "--tlsverify", description = "TLS, and require client certificates signed by --tlscacert.")
    boolean tlsVerify;

    @Option(names = "--tlscacert", paramLabel = "FILE", description = "CA certificate for --tlsverify.")
    String tlsCaCert;

    @Option(names = "--tlscert", paramLabel = "FILE", description = "The proxy's TLS certificate.")
    String tlsCert;

    @Option(names = "--tlskey", paramLabel = "FILE", description = "The proxy's TLS key.")
    String tlsKey;

    @Option(names = "--no-detect-tls", description = "Do not copy the TLS settings of the running dockerd.")
    boolean noDetectTls;

    @Unmatched
    List<String> routerArgs = new ArrayList<>();

    Launch(Services services) {
        super(services);
    }

    @Override
    protected void execute() {
        LaunchOptions options = new LaunchOptions(port, ipallocRange, password, noRestart, routerArgs,
                new ProxyLaunch.Options(proxyHosts, tls, tlsVerify, tlsCaCert, tlsCert, tlsKey, noDetectTls));
        out().println(new RouterLauncher(services.env(), services.docker(), services.router(), services.host(), err())
                .launch(options));
    }
}
