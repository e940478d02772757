package dev.weft.cli.service;

import dev.weft.cli.Env;
import dev.weft.cli.WeaveException;
import dev.weft.cli.engine.ContainerSpec;
import dev.weft.cli.engine.RunOptions;
import dev.weft.cli.http.UnixSocketHttp;
import dev.weft.weaveutil.addr.Ipv4;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The router container {@code launch} creates (SPEC 2.3 item 3): its arguments in the original's order
 * ({@code ... --http-addr --status-addr --resolv-conf <proxy -H/TLS> --plugin --proxy <user's>}), its
 * environment and mounts, and the user's {@code WEAVE_DOCKER_ARGS}. Pure: the host's facts come in. Proxy
 * sockets at other unix paths reach the proxy's own socket through links that {@link ProxyLaunch} makes.
 */
final class RouterContainer {
    /** Host directories the router container always has: sockets there are visible on the host. */
    private static final List<String> SHARED_DIRS = List.of("/var/run/weave", "/run/weave");

    private final Env env;
    private final LaunchOptions options;

    RouterContainer(Env env, LaunchOptions options) {
        this.env = env;
        this.options = options;
    }

    /**
     * @param hostname      this host's name (the router's nickname)
     * @param resolvConf    the host's resolv.conf, symlinks resolved
     * @param proxy         the Docker API proxy's router arguments and mounts
     */
    ContainerSpec spec(String name, String bridge, Ipv4 bridgeAddress, String range, String hostname, Path resolvConf,
                       ProxyLaunch.Plan proxy, RunOptions runOptions) {
        String httpAddr = options.effectiveHttpAddr(env);
        String statusAddr = options.effectiveStatusAddr(env);
        List<String> args = new ArrayList<>(List.of(
                "--port", options.port() != null ? options.port() : env.get("WEAVE_PORT", "6783"),
                "--nickname", hostname,
                "--host-root=/host",
                "--docker-bridge", bridge,
                "--weave-bridge", "weave"));
        String mtu = env.get("WEAVE_MTU", "");
        if (!mtu.isEmpty()) {
            args.addAll(List.of("--mtu", mtu));
        }
        if (!env.get("WEAVE_NO_FASTDP", "").isEmpty()) {
            args.add("--no-fastdp");
        }
        if (!env.get("WEAVE_NO_BRIDGED_FASTDP", "").isEmpty()) {
            args.add("--no-bridged-fastdp");
        }
        args.add("--ipalloc-range=" + range);
        args.addAll(List.of(
                "--dns-listen-address", bridgeAddress + ":53",
                "--http-addr", httpAddr,
                "--status-addr", statusAddr,
                "--resolv-conf", "/var/run/weave/etc/" + resolvConf.getFileName(),
                "--db-prefix", "/weavedb/weave"));
        args.addAll(proxy.routerArgs());
        List<String> binds = new ArrayList<>(List.of(
                dockerSocket() + ":/var/run/docker.sock",
                "/var/run/weave:/var/run/weave",
                resolvConf.getParent() + ":/var/run/weave/etc",
                "/etc:/host/etc",
                "/var/lib/dbus:/host/var/lib/dbus"));
        binds.addAll(proxy.binds());
        args.addAll(List.of("--plugin", "--proxy"));
        args.addAll(options.routerArgs());
        binds.addAll(socketDirectoryBinds(httpAddr, statusAddr));

        List<String> environment = new ArrayList<>(List.of("DOCKER_BRIDGE=" + bridge,
                "WEAVE_HTTP_ADDR=" + httpAddr, "EXEC_IMAGE=" + Images.EXEC));
        String password = options.password() != null ? options.password() : env.get("WEAVE_PASSWORD", "");
        if (!password.isEmpty()) {
            environment.add("WEAVE_PASSWORD=" + password);
        }
        String debug = env.get("WEAVE_DEBUG", "");
        if (!debug.isEmpty()) {
            environment.add("WEAVE_DEBUG=" + debug);
        }
        return new ContainerSpec(name, Images.ROUTER, List.of(), args, environment, binds, List.of(),
                List.of(name + "db", Images.VOLUMES_CONTAINER), Map.of(), true, true, options.noRestart() ? null : "always", false, runOptions);
    }

    /** Checks the {@code -H} endpoints given (before anything is made). */
    void checkProxyHosts() {
        for (String host : options.proxy().hosts()) {
            boolean unix = host.startsWith("unix://") || host.startsWith("/");
            if (unix && UnixSocketHttp.socketPath(host) == null) {
                throw WeaveException.error("-H " + host + ": the path of a unix socket must be absolute");
            }
            if (!unix && !host.matches("(tcp://)?[^/]*:\\d+")) {
                throw WeaveException.error("-H " + host + ": expected [tcp://][host]:port or [unix://]/absolute/path");
            }
        }
    }

    /**
     * The directories of the router's unix sockets that the container does not already share with the
     * host, mounted at the same path so the sockets appear where they were asked for.
     */
    private List<String> socketDirectoryBinds(String httpAddr, String statusAddr) {
        List<String> addresses = new ArrayList<>(List.of(httpAddr, statusAddr));
        addresses.addAll(flagValues(options.routerArgs(), "metrics-addr"));
        Set<String> dirs = new LinkedHashSet<>();
        for (String address : addresses) {
            Path socket = UnixSocketHttp.socketPath(address);
            if (socket != null && socket.getParent() != null) {
                String dir = socket.getParent().normalize().toString();
                if (SHARED_DIRS.stream().noneMatch(shared -> dir.equals(shared) || dir.startsWith(shared + "/"))) {
                    dirs.add(dir);
                }
            }
        }
        return dirs.stream().map(dir -> dir + ":" + dir).toList();
    }

    /** The values of {@code --flag v}, {@code --flag=v} (or Go's single-dash forms) in {@code args}. */
    static List<String> flagValues(List<String> args, String flag) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            for (String dashes : List.of("--", "-")) {
                if (arg.equals(dashes + flag) && i + 1 < args.size()) {
                    values.add(args.get(i + 1));
                } else if (arg.startsWith(dashes + flag + "=")) {
                    values.add(arg.substring((dashes + flag + "=").length()));
                }
            }
        }
        return values;
    }

    private String dockerSocket() {
        String endpoint = env.dockerEndpoint();
        return (endpoint.startsWith("unix://") ? endpoint : Env.DEFAULT_DOCKER_HOST).substring("unix://".length());
    }
}
