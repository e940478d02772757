package dev.weft.router.daemon;

import dev.weft.router.api.ApiModule;
import dev.weft.router.api.BackgroundFailures;
import dev.weft.router.api.ApiRoutes;
import dev.weft.router.http.ApiServer;
import dev.weft.router.http.ListenAddress;
import dev.weft.router.http.RouteTable;
import dev.weft.router.mesh.Mesh;
import dev.weft.router.status.Readiness;
import dev.weft.router.status.RouterApi;
import dev.weft.router.status.RouterState;
import dev.weft.router.status.RouterStatusSection;
import dev.weft.router.status.StatusApi;
import dev.weft.router.status.StatusBoard;
import dev.weft.router.status.WeaveMetrics;
import dev.weft.router.store.Store;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running router: the store, the components and the mesh's first dials, then the HTTP servers
 * ({@code /status} answers 503 until the rest has started), then ready. Closing stops everything in
 * reverse order and commits the store.
 */
public final class Daemon implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

    private final CloseStack toClose = new CloseStack(LOG);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private static final Duration STARTUP_PATIENCE = Duration.ofSeconds(60);
    /** How long the rest of a start waits for the mesh's first connection (a handshake takes ~0.2 s here). */
    static final Duration FIRST_CONTACT_PATIENCE = Duration.ofMillis(500);

    private final RouteTable routes = new RouteTable();
    private final BackgroundFailures failures = new BackgroundFailures();
    private final List<ApiServer> servers = new ArrayList<>();
    private final StatusBoard board;
    private final RouterState router;
    private final MeshBinding mesh = new MeshBinding();
    private volatile boolean closed;

    private Daemon(DaemonConfig config) {
        this.router = new RouterState(config.identity(), config.port(), config.mesh().password() != null,
                config.peerDiscovery(),
                config.trustedSubnets(), config.weaveBridge(), config.minProtocolVersion());
        this.board = new StatusBoard(Version.current(), new Readiness(), new RouterStatusSection(router, mesh));
    }

    /** {@code weaver}'s main work: start, then wait until SIGTERM/SIGINT runs the shutdown hook. */
    static int runUntilStopped(DaemonConfig config) throws Exception {
        Daemon daemon = new Daemon(config);
        Runtime.getRuntime().addShutdownHook(new Thread(daemon::close, "shutdown"));
        daemon.startOrClose(config, new Components.Factory());
        HeapPreTouch.startInBackground();
        daemon.stopped.await();
        return 0;
    }

    /** Starts everything; on failure closes what was started and rethrows. */
    static Daemon start(DaemonConfig config, Components.Factory factory) throws Exception {
        Daemon daemon = new Daemon(config);
        daemon.startOrClose(config, factory);
        return daemon;
    }

    private void startOrClose(DaemonConfig config, Components.Factory factory) throws Exception {
        try {
            startUp(config, factory);
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    private void startUp(DaemonConfig config, Components.Factory factory) throws Exception {
        LOG.info("weft router {} starting: peer {}", Version.current(), config.identity().display());
        Readiness readiness = board.readiness();
        readiness.waitingFor("starting: bridge, data plane, weaveDNS and the Docker API proxy");
        Store store = Store.open(config.dataFile());
        toClose.push(store);
        LOG.info("data store {}", config.dataFile());
        MeshRuntime meshRuntime = factory.mesh(config);
        toClose.push(meshRuntime);
        Components components = factory.create(config, store, meshRuntime.mesh(), failures);
        toClose.push(components);
        ApiRoutes untilReady = new StartupGate(routes, readiness, STARTUP_PATIENCE);
        List<String> notices = new ArrayList<>(store.notices());
        config.startupNotices().forEach(notice -> notices.add("warning: " + notice));
        new StartupNotices(notices).register(untilReady);
        new RouterApi(mesh, components::proxyAddresses).register(untilReady);
        for (ApiModule module : components.apiModules()) {
            module.register(untilReady);
        }
        components.statusSections().forEach(board::add);
        // the mesh listens and dials while the bridge and the data plane come up: its connections wait
        // for the data plane's overlay before their handshake, so the two start-ups overlap
        startMesh(config, store, meshRuntime.mesh());
        // the HTTP servers after the mesh has dialled: their start (~0.1 s of a cold start) would otherwise
        // delay every connection of a joining peer; until they answer, weave launch waits as for a slow JVM
        new StatusApi(board, new WeaveMetrics(failures)).register(routes);
        listen("control", config.httpAddress(), pattern -> true);
        listen("status", config.statusAddress(), StatusApi::isStatusPattern);
        listen("metrics", config.metricsAddress(), "/metrics"::equals);
        // the rest (the Docker client, iptables, weaveDNS, the proxy) waits a moment for the first connection:
        // on 2 cores it otherwise takes a core from the handshake of a joining peer
        awaitFirstContact(meshRuntime.mesh());
        components.startNetwork();
        components.startServices();
        components.awaitRules();
        readiness.waitingFor("starting: reconciling addresses with the bridge and running containers");
        components.reconcile();
        readiness.ready();
        LOG.info("ready");
    }

    /** Listens on the mesh port and dials the initial targets (persisted ones after a restart or --resume). */
    private void startMesh(DaemonConfig config, Store store, Mesh started) throws IOException {
        MeshTargets targets = new MeshTargets(store);
        List<String> initial = targets.initial(config.peers(), config.mesh().resume(), config.mesh().restartSentinel());
        started.onTargetsChanged(targets::save);
        started.start();
        mesh.attach(started);
        List<String> problems = started.connect(initial, false);
        for (String problem : problems) {
            LOG.error("peer not dialled: {}", problem);
        }
    }

    private static void awaitFirstContact(Mesh started) throws InterruptedException {
        try {
            started.firstContact().get(FIRST_CONTACT_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.debug("no peer connection established within {} ms; starting the rest", FIRST_CONTACT_PATIENCE.toMillis());
        } catch (ExecutionException e) {
            LOG.debug("first contact: {}", e.getCause().toString());
        }
    }

    private void listen(String name, ListenAddress address, Predicate<String> patterns) throws IOException {
        if (address == null) {
            return;
        }
        ApiServer server = ApiServer.start(name, address, routes.view(patterns));
        servers.add(server);
        LOG.info("{} API listening on {}", name, server.endpoint());
    }

    StatusBoard board() {
        return board;
    }

    BackgroundFailures failures() {
        return failures;
    }

    RouterState router() {
        return router;
    }

    List<ApiServer> servers() {
        return servers;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.info("shutting down");
        servers.forEach(ApiServer::close);
        toClose.close();
        LOG.info("stopped");
        stopped.countDown();
    }
}
