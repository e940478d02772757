package dev.weft.cli.service;

import dev.weft.cli.Env;
import dev.weft.cli.ExitCode;
import dev.weft.cli.WeaveException;
import dev.weft.cli.engine.ContainerSpec;
import dev.weft.cli.engine.ContainerState;
import dev.weft.cli.engine.DockerEngine;
import dev.weft.cli.engine.RunOptions;
import dev.weft.cli.host.Host;
import dev.weft.cli.api.ApiClient;
import dev.weft.cli.api.WeaveApi.Listener;
import dev.weft.cli.api.ApiResponse;
import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.addr.Ipv4;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Starts the router container and waits until it is ready (SPEC §2.1-2.3, adapted to weft's images). */
public final class RouterLauncher {
    public static final String DEFAULT_RANGE = "10.32.0.0/12";
    static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    static final int MAX_POLLS = 1200;   // two minutes

    private final Env env;
    private final DockerEngine docker;
    private final ApiClient api;
    private final Host host;
    private final PrintWriter err;

    public RouterLauncher(Env env, DockerEngine docker, ApiClient api, Host host, PrintWriter err) {
        this.env = env;
        this.docker = docker;
        this.api = api;
        this.host = host;
        this.err = err;
    }

    /** Launches and returns the router container's id. */
    public String launch(LaunchOptions options) {
        checkMtu(env.get("WEAVE_MTU", ""));
        String name = env.containerName();
        RunOptions runOptions = DockerRunArgs.from(env, "WEAVE_DOCKER_ARGS");
        RouterContainer container = new RouterContainer(env, options);
        container.checkProxyHosts();
        checkNoRouter(name, options.effectiveHttpAddr(env));
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
        String id = docker.create(container.spec(name, bridge, bridgeAddress, range, host.hostname(), host.resolvConf(),
                proxy, runOptions));
        docker.start(id);
        awaitReady(id);
        showNotices();
        adviseAddresses(options);
        return id;
    }

    /** What the router had to do at start (e.g. set aside Weave Net's old data file), one stderr line each. */
    private void showNotices() {
        api.tryGet(Listener.CONTROL, "/weft/notices", null).filter(ApiResponse::ok)
                .ifPresent(notices -> notices.body().lines().filter(line -> !line.isBlank())
                        .forEach(line -> err.println("weave: " + line)));
        err.flush();
    }

    private void checkNoRouter(String name, String httpAddr) {
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
        if (api.tryGet(Listener.CONTROL, "/status", null).isPresent()) {
            throw WeaveException.error("Weave Net is already running (something answers at " + httpAddr + ")");
        }
    }

    /** WEAVE_MTU as the router's data plane accepts it (576..65485, the kernel's VXLAN limit), checked before anything is made. */
    static void checkMtu(String mtu) {
        if (mtu.isEmpty()) {
            return;
        }
        try {
            int value = Integer.parseInt(mtu.strip());
            if (value >= 576 && value <= 65485) {
                return;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw WeaveException.error("invalid WEAVE_MTU '" + mtu + "': must be a number between 576 and 65485");
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

    /** The router's notices about flags weft does not act on: one line each on stderr. */

    /** A router put elsewhere than WEAVE_HTTP_ADDR/WEAVE_STATUS_ADDR is found by later commands only with them set. */
    private void adviseAddresses(LaunchOptions options) {
        List<String> settings = new ArrayList<>();
        if (!options.effectiveHttpAddr(env).equals(env.httpAddr())) {
            settings.add("WEAVE_HTTP_ADDR=" + options.effectiveHttpAddr(env));
        }
        if (!options.effectiveStatusAddr(env).equals(env.statusAddr())) {
            settings.add("WEAVE_STATUS_ADDR=" + options.effectiveStatusAddr(env));
        }
        if (!settings.isEmpty()) {
            err.println("weave: the router listens where --http-addr/--status-addr said; other weave commands find it "
                    + "with " + String.join(" ", settings));
            err.flush();
        }
    }

    /**
     * Polls the router's status until it says ready. The engine is asked about the container only while the
     * router does not answer: an answer (503 while it starts) shows it alive, and an inspection at every poll
     * took the engine's CPU from the starting router on a small host.
     */
    private void awaitReady(String id) {
        for (int poll = 0; poll < MAX_POLLS; poll++) {
            Optional<ApiResponse> status = api.tryGet(Listener.STATUS, "/status", null);
            if (status.isEmpty()) {
                requireAlive(id);
            } else if (status.get().ok()) {
                return;
            }
            host.pause(POLL_INTERVAL);
        }
        throw WeaveException.error("the weave container did not become ready within "
                + POLL_INTERVAL.multipliedBy(MAX_POLLS).toSeconds() + " s; see 'docker logs " + env.containerName() + "'");
    }

    private void requireAlive(String id) {
        Optional<ContainerState> state = docker.inspect(id);
        if (state.isPresent() && state.get().running()) {
            return;
        }
        if (state.isPresent()) {
            stopRestarting(id);
        }
        String reason = lastWords(id);
        throw WeaveException.error("The weave container has died" + (reason.isEmpty() ? "" : ": " + reason)
                + ". Consult the container logs for further details.");
    }
}
