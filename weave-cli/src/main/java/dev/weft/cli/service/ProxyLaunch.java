package dev.weft.cli.service;

import dev.weft.cli.Env;
import dev.weft.cli.WeaveException;
import dev.weft.cli.host.Host;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Docker API proxy's part of {@code weave launch} (SPEC §2.2, §2.3): where the proxy listens
 * ({@code -H}, by default the unix socket, or TCP port 12375 when the docker client talks TCP), its
 * TLS files (mounted read-only under {@code /home/weave/tls}), or else the TLS flags of the running
 * {@code dockerd} unless {@code --no-detect-tls}.
 */
public final class ProxyLaunch {
    public static final String SOCKET = "/var/run/weave/weave.sock";
    static final String TLS_DIR = "/home/weave/tls/";

    /** What the user gave launch for the proxy; null strings are flags not given. */
    public record Options(List<String> hosts, boolean tls, boolean tlsVerify, String tlsCaCert, String tlsCert,
                          String tlsKey, boolean noDetectTls) {
        public Options {
            hosts = hosts == null ? List.of() : List.copyOf(hosts);
        }

        public static Options none() {
            return new Options(List.of(), false, false, null, null, null, false);
        }

        boolean anyTls() {
            return tls || tlsVerify || tlsCaCert != null || tlsCert != null || tlsKey != null;
        }
    }

    /** Router arguments and bind mounts for the proxy. */
    public record Plan(List<String> routerArgs, List<String> binds) {}

    private final Env env;
    private final Host host;
    private final PrintWriter err;

    public ProxyLaunch(Env env, Host host, PrintWriter err) {
        this.env = env;
        this.host = host;
        this.err = err;
    }

    /** @throws WeaveException for a relative unix path or a missing TLS file */
    public Plan plan(Options options) {
        List<String> args = new ArrayList<>();
        List<String> binds = new ArrayList<>();
        List<String> hosts = options.hosts().isEmpty() ? List.of(defaultHost()) : options.hosts();
        for (String h : hosts) {
            String unixPath = unixPath(h);
            if (unixPath != null && !unixPath.startsWith("/")) {
                throw WeaveException.error("-H " + h + ": the path of a unix socket must be absolute");
            }
            if (unixPath != null && !unixPath.equals(SOCKET)) {
                linkToProxySocket(unixPath);
            }
            args.addAll(List.of("-H", h));
        }
        Options tls = options.anyTls() || options.noDetectTls() ? options : detected(options);
        if (tls.tls()) {
            args.add("--tls");
        }
        if (tls.tlsVerify()) {
            args.add("--tlsverify");
        }
        mount(args, binds, "--tlscacert", tls.tlsCaCert(), "ca.pem");
        mount(args, binds, "--tlscert", tls.tlsCert(), "cert.pem");
        mount(args, binds, "--tlskey", tls.tlsKey(), "key.pem");
        return new Plan(args, binds);
    }

    /** The unix socket, unless the docker client reaches its engine over TCP. */
    private String defaultHost() {
        String client = env.clientDockerHost();
        String[] extra = env.get("DOCKER_CLIENT_ARGS", "").strip().split("\\s+");
        for (int i = 0; i + 1 < extra.length; i++) {
            if (extra[i].equals("-H") || extra[i].equals("--host")) {
                client = extra[i + 1];
            }
        }
        return client.startsWith("tcp://") ? "tcp://0.0.0.0:12375" : "unix://" + SOCKET;
    }

    private static String unixPath(String h) {
        if (h.startsWith("unix://")) {
            return h.substring("unix://".length());
        }
        return h.startsWith("/") ? h : null;
    }

    /** Other unix paths reach the one proxy socket through a symbolic link on the host. */
    private void linkToProxySocket(String path) {
        String hostRoot = env.get("HOST_ROOT", "");
        if (host.run(List.of("ln", "-sfn", SOCKET, hostRoot + path)) != 0) {
            throw WeaveException.error("-H unix://" + path + ": cannot link " + path + " to " + SOCKET);
        }
    }

    private void mount(List<String> args, List<String> binds, String flag, String file, String as) {
        if (file == null) {
            return;
        }
        String hostRoot = env.get("HOST_ROOT", "");
        if (!Files.isReadable(Path.of(hostRoot + file))) {
            throw WeaveException.error(flag + " " + file + ": no such file (or not readable)");
        }
        binds.add(file + ":" + TLS_DIR + as + ":ro");
        args.addAll(List.of(flag, TLS_DIR + as));
    }

    /** The TLS flags of the running dockerd, with a warning when there is none to look at. */
    private Options detected(Options options) {
        Optional<List<String>> dockerd = host.dockerDaemonCommandLine();
        if (dockerd.isEmpty()) {
            err.println("weave: warning: unable to detect proxy TLS configuration. To enable TLS, launch the proxy "
                    + "with 'weave launch' and supply TLS options. To suppress this warning, supply the "
                    + "'--no-detect-tls' option.");
            err.flush();
            return options;
        }
        return DockerdTlsFlags.parse(dockerd.get(), options.hosts());
    }
}
