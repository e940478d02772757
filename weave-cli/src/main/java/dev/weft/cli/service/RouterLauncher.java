package dev.weft.cli.service;

import dev.weft.cli.Env;
import dev.weft.cli.ExitCode;
import dev.weft.cli.WeaveException;
import dev.weft.cli.engine.ContainerSpec;
import dev.weft.cli.engine.ContainerState;
import dev.weft.cli.engine.DockerEngine;
import dev.weft.cli.host.Host;
import dev.weft.cli.router.Router;
import dev.weft.cli.router.RouterApi.Listener;
import dev.weft.cli.router.RouterResponse;
import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.addr.Ipv4;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Starts the router container and waits until it is ready (SPEC §2.1-2.3, adapted to weft's images). */
public final class RouterLauncher {
    public static final String DEFAULT_RANGE = "10.32.0.0/12";
    static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    static final int MAX_POLLS = 1200;   // two minutes

    private final Env env;
    private final DockerEngine docker;
    private final Router router;
    private final Host host;
    private final PrintWriter err;

    public RouterLauncher(Env env, DockerEngine docker, Router router, Host host, PrintWriter err) {
        this.env = env;
        this.docker = docker;
        this.router = router;
        this.host = host;
        this.err = err;
    }

    /** Launches and returns the router container's id. */
    public String launch(LaunchOptions options) {
        String name = env.containerName();
        checkNoRouter(name);
        requireImage(Images.ROUTER);
        requireImage(Images.DB);
        requireImage(Images.EXEC);
        String bridge = env.get("DOCKER_BRIDGE", "docker0");
        Ipv4 bridgeAddress = host.interfaceAddress(bridge).orElseThrow(() -> WeaveException.error(
                "the Docker bridge " + bridge + " has no IPv4 address (set DOCKER_BRIDGE if it has another name)"));
        String range = options.ipallocRange() == null ? DEFAULT_RANGE : options.ipallocRange();
        checkRange(range, options.ipallocRange() == null);
        ProxyLaunch.Plan proxy = new ProxyLaunch(env, host, err).plan(options.proxy());
        ensureDataContainer(name + "db");
        ensureVolumesContainer();
        String id = docker.create(routerSpec(name, options, bridge, bridgeAddress, range, proxy));
        docker.start(id);
        awaitReady(id);
        return id;
    }

    private void checkNoRouter(String name) {
        Optional<ContainerState> existing = docker.inspect(name);
        if (existing.isPresent()) {
            ContainerState state = existing.get();
            boolean ours = state.image().startsWith("weft/weave:");
            if (!ours) {
                throw new WeaveException(ExitCode.NOT_RUNNING, "Found another " + (state.running() ? "running " : "")
                        + "container named '" + name + "'. Aborting.");
            }
            if (state.running()) {
                throw new WeaveException(ExitCode.ALREADY_RUNNING,
                        name + " is already running; you can stop it with 'weave stop'.");
            }
            if (!state.status().equals("exited") && !state.status().equals("dead")) {
                throw WeaveException.error(name + " container is " + (state.restarting() ? "restarting" : state.status())
                        + "; stop it with 'weave stop' or remove it with 'weave reset'");
            }
            docker.remove(state.id(), true, false);
        }
        if (router.tryGet(Listener.CONTROL, "/status", null).isPresent()) {
            throw WeaveException.error("Weave Net is already running (something answers at " + env.httpAddr() + ")");
        }
    }

    private void requireImage(String image) {
        if (!docker.imageExists(image)) {
            throw WeaveException.error("image " + image + " is missing; build weft's images with 'weave setup'");
        }
    }

    private void checkRange(String range, boolean isDefault) {
        if (range.isEmpty()) {
            return;
        }
        Cidr cidr;
        try {
            cidr = Cidr.parseSubnet(range);
        } catch (IllegalArgumentException e) {
            throw WeaveException.error("invalid --ipalloc-range '" + range + "': " + e.getMessage());
        }
        for (Cidr route : host.routes("weave")) {
            if (route.overlaps(cidr)) {
                if (isDefault) {
                    throw WeaveException.error("Default --ipalloc-range " + range + " overlaps with existing route "
                            + route + " on host; give another range with --ipalloc-range (the same on every host)");
                }
                err.println("weave: warning: --ipalloc-range " + range + " overlaps with existing route " + route
                        + " on host");
                err.flush();
                return;
            }
        }
    }

    private void ensureDataContainer(String dbName) {
        if (docker.inspect(dbName).isEmpty()) {
            docker.create(new ContainerSpec(dbName, Images.DB, List.of("data-only"), List.of(), List.of(), List.of(),
                    List.of("/weavedb"), List.of(), Map.of(Images.VOLUMES_LABEL, ""), false, false, null, false));
        }
    }

    /** The weavewait builds in volumes /w, /w-noop, /w-nomcast, which the proxy binds into containers. */
    private void ensureVolumesContainer() {
        if (docker.inspect(Images.VOLUMES_CONTAINER).isEmpty()) {
            docker.create(new ContainerSpec(Images.VOLUMES_CONTAINER, Images.EXEC, List.of("data-only"), List.of(),
                    List.of(), List.of(), List.of("/w", "/w-noop", "/w-nomcast"), List.of(),
                    Map.of(Images.VOLUMES_LABEL, ""), false, false, null, false));
        }
    }

    ContainerSpec routerSpec(String name, LaunchOptions options, String bridge, Ipv4 bridgeAddress, String range,
                             ProxyLaunch.Plan proxy) {
        Path resolvConf = host.resolvConf();
        List<String> args = new ArrayList<>(List.of(
                "--port", options.port() != null ? options.port() : env.get("WEAVE_PORT", "6783"),
                "--nickname", host.hostname(),
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
        args.add("--ipalloc-range=" + range);
        args.addAll(List.of(
                "--dns-listen-address", bridgeAddress + ":53",
                "--http-addr", env.httpAddr(),
                "--status-addr", env.statusAddr(),
                "--resolv-conf", "/var/run/weave/etc/" + resolvConf.getFileName(),
                "--db-prefix", "/weavedb/weave"));
        args.addAll(proxy.routerArgs());
        args.add("--proxy");   // before the user's arguments, so that --proxy=false or --no-proxy can turn it off
        args.addAll(options.routerArgs());

        List<String> environment = new ArrayList<>(List.of("DOCKER_BRIDGE=" + bridge,
                "WEAVE_HTTP_ADDR=" + env.httpAddr(), "EXEC_IMAGE=" + Images.EXEC));
        String password = options.password() != null ? options.password() : env.get("WEAVE_PASSWORD", "");
        if (!password.isEmpty()) {
            environment.add("WEAVE_PASSWORD=" + password);
        }
        String debug = env.get("WEAVE_DEBUG", "");
        if (!debug.isEmpty()) {
            environment.add("WEAVE_DEBUG=" + debug);
        }
        List<String> binds = new ArrayList<>(List.of(
                dockerSocket() + ":/var/run/docker.sock",
                "/var/run/weave:/var/run/weave",
                resolvConf.getParent() + ":/var/run/weave/etc",
                "/etc:/host/etc",
                "/var/lib/dbus:/host/var/lib/dbus"));
        binds.addAll(proxy.binds());
        return new ContainerSpec(name, Images.ROUTER, List.of(), args, environment, binds, List.of(),
                List.of(name + "db", Images.VOLUMES_CONTAINER), Map.of(), true, true,
                options.noRestart() ? null : "always", false);
    }

    private String dockerSocket() {
        String endpoint = env.dockerEndpoint();
        return (endpoint.startsWith("unix://") ? endpoint : Env.DEFAULT_DOCKER_HOST).substring("unix://".length());
    }

    /** Keeps {@code --restart always} from bringing a failing router back again and again. */
    private void stopRestarting(String id) {
        try {
            docker.disableRestart(id);
            docker.kill(id);
        } catch (DockerEngine.EngineException e) {
            // it was not running at that moment; nothing to stop
        }
    }

    /** The router's last log line: usually why it stopped. */
    private String lastWords(String id) {
        try {
            List<String> lines = docker.logTail(id, 5).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        } catch (DockerEngine.EngineException e) {
            return "";
        }
    }

    private void awaitReady(String id) {
        for (int poll = 0; poll < MAX_POLLS; poll++) {
            Optional<RouterResponse> status = router.tryGet(Listener.STATUS, "/status", null);
            if (status.isPresent() && status.get().ok()) {
                return;
            }
            Optional<ContainerState> state = docker.inspect(id);
            if (state.isEmpty() || !state.get().running()) {
                if (state.isPresent()) {
                    stopRestarting(id);
                }
                String reason = lastWords(id);
                throw WeaveException.error("The weave container has died" + (reason.isEmpty() ? "" : ": " + reason)
                        + ". Consult the container logs for further details.");
            }
            host.pause(POLL_INTERVAL);
        }
        throw WeaveException.error("the weave container did not become ready within "
                + POLL_INTERVAL.multipliedBy(MAX_POLLS).toSeconds() + " s; see 'docker logs " + env.containerName() + "'");
    }
}
