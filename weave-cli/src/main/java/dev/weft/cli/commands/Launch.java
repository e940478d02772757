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

/**
 * {@code weave launch [flags] [<peer>...]}: starts the router container and prints its id. The flags
 * the original's script handled itself are options here (SPEC 2.2); every other flag and the peers
 * go to the router after launch's own, so the user's values win.
 */
@Command(name = "launch", description = "Start the weave router on this host, connecting to the given peers. "
        + "Options not listed here are passed to the router; those weft does not act on yet are named on stderr.")
public final class Launch extends WeaveCommand {

    @Option(names = {"--password", "-password"}, paramLabel = "PASSWORD",
            description = "Encrypt traffic between peers with this password (or set WEAVE_PASSWORD).")
    String password;

    @Option(names = {"--port", "-port"}, paramLabel = "PORT", description = "The mesh port (default 6783, or WEAVE_PORT).")
    String port;

    @Option(names = {"--ipalloc-range", "--iprange", "-iprange"}, paramLabel = "CIDR",
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

    @Option(names = "--http-addr", paramLabel = "ADDRESS", description = "Where the router's API listens: host:port or "
            + "an absolute unix socket path (default WEAVE_HTTP_ADDR, else 127.0.0.1:6784).")
    List<String> httpAddr = new ArrayList<>();

    @Option(names = "--status-addr", paramLabel = "ADDRESS", description = "Where the router's status API listens "
            + "(default WEAVE_STATUS_ADDR, else 127.0.0.1:6782); empty disables it.")
    List<String> statusAddr = new ArrayList<>();

    @Unmatched
    List<String> routerArgs = new ArrayList<>();

    Launch(Services services) {
        super(services);
    }

    @Override
    protected void execute() {
        LaunchOptions options = new LaunchOptions(port, ipallocRange, password, noRestart, last(httpAddr),
                last(statusAddr), routerArgs,
                new ProxyLaunch.Options(proxyHosts, tls, tlsVerify, tlsCaCert, tlsCert, tlsKey, noDetectTls));
        out().println(new RouterLauncher(services.env(), services.docker(),
                services.api(options.effectiveHttpAddr(services.env()), options.effectiveStatusAddr(services.env())),
                services.host(), err()).launch(options));
    }

    private static String last(List<String> values) {
        return values.isEmpty() ? null : values.get(values.size() - 1);
    }
}
