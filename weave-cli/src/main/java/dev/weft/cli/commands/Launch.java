package dev.weft.cli.commands;

import dev.weft.cli.Services;
import dev.weft.cli.WeaveException;
import dev.weft.cli.model.CommandModel;
import dev.weft.cli.service.LaunchOptions;
import dev.weft.cli.service.PasswordFile;
import dev.weft.cli.service.ProxyLaunch;
import dev.weft.cli.service.RouterLauncher;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code weave launch [flags] [<peer>...]}: starts the router container and prints its id. The flags
 * the original's script handled itself are options here (SPEC 2.2); every other flag and the peers
 * go to the router after launch's own, so the user's values win.
 */
public final class Launch extends WeaveCommand {

    String password;
    String passwordFile;
    String port;
    String ipallocRange;
    boolean noRestart;
    List<String> proxyHosts = new ArrayList<>();
    boolean tls;
    boolean tlsVerify;
    String tlsCaCert;
    String tlsCert;
    String tlsKey;
    boolean noDetectTls;
    List<String> httpAddr = new ArrayList<>();
    List<String> statusAddr = new ArrayList<>();
    List<String> routerArgs = new ArrayList<>();

    Launch(Services services) {
        super(services);
    }

    @Override
    protected CommandModel declare() {
        return CommandModel.command(this, "launch", "Start the weave router on this host, connecting to the given "
                + "peers. Options not listed here are passed to the router; those weft does not act on yet are "
                + "named on stderr.")
                .option("--password -password", "PASSWORD", "Encrypt traffic between peers with this password (or "
                        + "set WEAVE_PASSWORD); every peer needs the same one. It then shows in ps output and shell "
                        + "history: prefer --password-file.", v -> password = v)
                .option("--password-file", "FILE", "Read the password from the first line of FILE, so it is in "
                        + "neither ps output nor shell history. Like --password, it reaches the router in its "
                        + "environment (WEAVE_PASSWORD), never on a command line.", v -> passwordFile = v)
                .option("--port -port", "PORT", "The mesh port (default 6783, or WEAVE_PORT).", v -> port = v)
                .option("--ipalloc-range --iprange -iprange", "CIDR", "The address range IP allocation manages "
                        + "(default " + RouterLauncher.DEFAULT_RANGE + "); empty to disable IP allocation.",
                        v -> ipallocRange = v)
                .flag("--no-restart", "Do not restart the router when it stops or Docker restarts.", v -> noRestart = v)
                .repeatableOption("-H", "ENDPOINT", "Where the Docker API proxy listens: unix:///absolute/path or "
                        + "tcp://[host]:port (repeatable; default unix:///var/run/weave/weave.sock, or "
                        + "tcp://0.0.0.0:12375 when the docker client uses TCP).", v -> proxyHosts = v)
                .flag("--tls", "Serve the proxy's TCP addresses with TLS.", v -> tls = v)
                .flag("--tlsverify", "TLS, and require client certificates signed by --tlscacert.", v -> tlsVerify = v)
                .option("--tlscacert", "FILE", "CA certificate for --tlsverify.", v -> tlsCaCert = v)
                .option("--tlscert", "FILE", "The proxy's TLS certificate.", v -> tlsCert = v)
                .option("--tlskey", "FILE", "The proxy's TLS key.", v -> tlsKey = v)
                .flag("--no-detect-tls", "Do not copy the TLS settings of the running dockerd.", v -> noDetectTls = v)
                .repeatableOption("--http-addr", "ADDRESS", "Where the router's API listens: host:port or an "
                        + "absolute unix socket path (default WEAVE_HTTP_ADDR, else 127.0.0.1:6784).",
                        v -> httpAddr = v)
                .repeatableOption("--status-addr", "ADDRESS", "Where the router's status API listens (default "
                        + "WEAVE_STATUS_ADDR, else 127.0.0.1:6782); empty disables it.", v -> statusAddr = v)
                .unmatched(routerArgs);
    }

    @Override
    protected void execute() {
        String secret = password;
        if (passwordFile != null) {
            if (password != null) {
                throw WeaveException.error("--password and --password-file: give only one of them");
            }
            secret = PasswordFile.read(Path.of(passwordFile));
        }
        LaunchOptions options = new LaunchOptions(port, ipallocRange, secret, noRestart, last(httpAddr),
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
