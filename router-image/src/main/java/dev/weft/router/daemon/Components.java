package dev.weft.router.daemon;

import dev.weft.router.api.ApiModule;
import dev.weft.router.api.ContainerEvents;
import dev.weft.router.api.ContainerLiveness;
import dev.weft.router.api.StatusSection;
import dev.weft.router.dns.WeaveDns;
import dev.weft.router.docker.Containers;
import dev.weft.router.docker.DockerClients;
import dev.weft.router.docker.DockerContainers;
import dev.weft.router.docker.DockerEventStream;
import dev.weft.router.docker.DockerEventWatcher;
import dev.weft.router.docker.InspectLiveness;
import dev.weft.router.ipam.Ipam;
import dev.weft.router.ipam.IpamApi;
import dev.weft.router.store.Store;
import com.github.dockerjava.api.DockerClient;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's services made from the configuration: Docker access and its event watcher, IPAM,
 * weaveDNS. Exposes their HTTP modules and status sections, and starts them in order.
 */
final class Components implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Components.class);

    private final List<ApiModule> modules = new ArrayList<>();
    private final List<StatusSection> sections = new ArrayList<>();
    private final List<ContainerEvents> eventSubscribers = new ArrayList<>();
    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
    private final List<Startable> startSteps = new ArrayList<>();
    private DockerEventWatcher watcher;

    @FunctionalInterface
    interface Startable {
        void start() throws Exception;
    }

    /** Builds the real components; tests substitute their own. */
    static class Factory {
        Components create(DaemonConfig config, Store store) throws Exception {
            Components c = new Components();
            Clock clock = Clock.systemUTC();
            Containers containers = null;
            ContainerLiveness liveness = ContainerLiveness.ALWAYS;
            if (config.dockerApi() != null) {
                DockerClient docker = DockerClients.connect(config.dockerApi());
                c.toClose.push(docker);
                containers = new DockerContainers(docker);
                liveness = new InspectLiveness(containers);
                c.watcher = new DockerEventWatcher(new DockerEventStream(docker));
                c.toClose.push(c.watcher);
                LOG.info("Docker API at {}", config.dockerApi());
            } else {
                LOG.info("no Docker API (--docker-api is empty): containers are assumed alive, no events");
            }
            if (config.ipam() != null) {
                ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> daemonThread(r,
                        "ipam-timers"));
                c.toClose.push(scheduler::shutdownNow);
                Ipam ipam = Ipam.create(config.ipam(), store, liveness, clock, scheduler);
                c.toClose.push(ipam);
                c.modules.add(new IpamApi(ipam));
                c.sections.add(ipam.status());
                c.eventSubscribers.add(ipam);
                LOG.info("IPAM range {}, default subnet {}", config.ipam().range(), config.ipam().defaultSubnet());
            }
            if (config.dns() != null) {
                WeaveDns dns = WeaveDns.create(config.dns(), store, liveness, clock);
                c.toClose.push(dns);
                c.modules.add(dns.api());
                c.sections.add(dns.status());
                c.eventSubscribers.add(dns);
                c.startSteps.add(() -> {
                    dns.start();
                    LOG.info("weaveDNS for {} listening on {}", config.dns().domain(), dns.address());
                });
            }
            return c;
        }

        private static Thread daemonThread(Runnable r, String name) {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        }
    }

    List<ApiModule> apiModules() {
        return modules;
    }

    List<StatusSection> statusSections() {
        return sections;
    }

    /** Runs the start steps in order, then subscribes to Docker events and starts watching them. */
    void start() throws Exception {
        for (Startable step : startSteps) {
            step.start();
        }
        if (watcher != null) {
            eventSubscribers.forEach(watcher::subscribe);
            watcher.start();
        }
    }

    @Override
    public void close() {
        while (!toClose.isEmpty()) {
            AutoCloseable c = toClose.pop();
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("error while stopping {}: {}", c.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
