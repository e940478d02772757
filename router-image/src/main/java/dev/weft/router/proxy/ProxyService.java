package dev.weft.router.proxy;

import dev.weft.router.api.ContainerEvents;
import dev.weft.router.concurrent.DaemonThreads;
import dev.weft.weaveutil.plumbing.Plumbing;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Docker API proxy wired together: the listeners, the interceptions, the attacher that
 * follows container starts, and the weavewait volumes it binds into containers. The daemon makes
 * it, subscribes {@link #events()} to Docker's events, {@link #start()}s it once the host side and
 * weaveDNS run, and calls {@link #reattachRunning()} once IPAM has been reconciled.
 */
public final class ProxyService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyService.class);
    static final String NOMCAST_VOLUME = "/w-nomcast";
    private static final int WORKERS = 4;
    private static final int QUEUE = 512;

    private final ProxyConfig config;
    private final Endpoint engineEndpoint;
    private final EngineCalls engine;
    private final AutoCloseable engineClient;
    private final ProxyAttacher attacher;
    private final Plumbing plumbing;
    private final DnsSettings dns;
    private final String volumesContainer;
    private final ExecutorService work;
    private ProxyServer server;

    ProxyService(ProxyConfig config, Endpoint engineEndpoint, EngineCalls engine, AutoCloseable engineClient,
                 ProxyAttacher.Attach attach, Plumbing plumbing, DnsSettings dns, String volumesContainer) {
        this.config = config;
        this.engineEndpoint = engineEndpoint;
        this.engine = engine;
        this.engineClient = engineClient;
        this.plumbing = plumbing;
        this.dns = dns;
        this.volumesContainer = volumesContainer;
        ThreadPoolExecutor pool = new ThreadPoolExecutor(WORKERS, WORKERS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(QUEUE), DaemonThreads.numbered("weave-proxy-work"));
        pool.allowCoreThreadTimeOut(true);
        this.work = pool;
        this.attacher = new ProxyAttacher(engine, attach, new ProxyAttacher.Settings(config.withoutDns() || dns == null,
                config.rewriteHosts(), config.noMulticastRoute(), config.noDefaultIpalloc(), config.attachTimeout()),
                work);
    }

    /**
     * @param dockerApi        the engine ({@code --docker-api})
     * @param dns              weaveDNS for containers, or null when the router runs without it
     * @param volumesContainer the container holding the weavewait volumes ({@code weavevolumes-<version>})
     */
    public static ProxyService create(ProxyConfig config, String dockerApi, ProxyAttacher.Attach attach,
                                      Plumbing plumbing, DnsSettings dns, String volumesContainer) {
        Endpoint engine = Endpoint.parse(dockerApi);
        DockerEngineCalls calls = new DockerEngineCalls(engine.text(), Duration.ofSeconds(30));
        return new ProxyService(config, engine, calls, calls, attach, plumbing, dns, volumesContainer);
    }

    public ContainerEvents events() {
        return attacher;
    }

    /** Finds the weavewait volume, then listens. @throws IOException naming what is missing or taken */
    public void start() throws IOException {
        String volume = weavewaitVolume();
        DnsSettings containerDns = config.withoutDns() ? null : dns;
        CreateRewrite create = new CreateRewrite(volume, containerDns, config.hostnames(), config.noDefaultIpalloc());
        Interceptor interceptor = new WeaveInterceptor(create, engine, attacher, plumbing, config.rewriteInspect(),
                config.noDefaultIpalloc(), work);
        SslContext tls = null;
        if (config.tls() != null && config.tls().enabled()) {
            try {
                tls = config.tls().serverContext();
            } catch (IllegalArgumentException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
        List<ProxyServer.Listen> listen = new ArrayList<>();
        boolean unixBound = false;
        List<String> alsoUnix = new ArrayList<>();
        for (Endpoint e : config.listen()) {
            if (e.unix() && unixBound) {
                alsoUnix.add(e.text());   // one socket serves every unix address (launch links the others to it)
                continue;
            }
            unixBound |= e.unix();
            listen.add(new ProxyServer.Listen(e, e.listenedOn(config.proxySocket())));
        }
        Path engineSocket = engineEndpoint.unix() ? Path.of(engineEndpoint.path()) : null;
        server = ProxyServer.start(listen, engineEndpoint, interceptor, tls, ProxyLimits.DEFAULTS, engineSocket, 2);
        this.extraAddresses = List.copyOf(alsoUnix);
        LOG.info("Docker API proxy: weavewait from volume {}{}", volume,
                containerDns == null ? ", containers keep Docker's DNS settings"
                        : ", containers use weaveDNS at " + containerDns.serverIp() + " for " + containerDns.domain());
    }

    private List<String> extraAddresses = List.of();

    /** Re-attaches, in the background, the running containers that were started through the proxy. */
    public void reattachRunning() {
        attacher.reattachRunning().whenComplete((v, e) -> {
            if (e != null) {
                LOG.warn("re-attaching running containers: {}", e.getMessage());
            }
        });
    }

    /** The host path or volume name of the weavewait build to bind at {@code /w}. */
    private String weavewaitVolume() throws IOException {
        Optional<ContainerView> holder;
        try {
            holder = engine.container(volumesContainer);
        } catch (ProxyException e) {
            throw new IOException("the proxy cannot look for its weavewait volumes: " + e.getMessage(), e);
        }
        String path = config.noMulticastRoute() ? NOMCAST_VOLUME : CreateRewrite.WEAVEWAIT_MOUNT;
        if (holder.isEmpty() || !holder.get().mounts().containsKey(path)) {
            throw new IOException("the proxy's weavewait volume " + path + " is missing: no container "
                    + volumesContainer + " holding it ('weave launch' creates it)");
        }
        return holder.get().mounts().get(path);
    }

    /** Where the proxy listens, as configured: for {@code /proxyaddrs}. */
    public List<String> addresses() {
        if (server == null) {
            return List.of();
        }
        List<String> all = new ArrayList<>(server.addresses());
        all.addAll(extraAddresses);
        return all;
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        work.shutdownNow();
        try {
            engineClient.close();
        } catch (Exception e) {
            LOG.debug("closing the proxy's Docker client: {}", e.getMessage());
        }
    }
}
