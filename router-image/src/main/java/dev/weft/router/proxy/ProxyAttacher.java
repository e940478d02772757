package dev.weft.router.proxy;

import dev.weft.router.api.ApiException;
import dev.weft.router.api.ContainerEvents;
import dev.weft.router.attach.AttachRequest;
import dev.weft.router.attach.ExtraHost;
import dev.weft.weaveutil.addr.Cidr;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attaches containers created through the proxy when they start (SPEC §9.3): a container whose
 * entrypoint is weavewait, that qualifies by {@code WEAVE_CIDR} and network mode, gets its
 * addresses, {@code ethwe}, weaveDNS names and /etc/hosts through the router's attach service;
 * weavewait then runs the container's command. A start through the proxy waits for this; a start
 * Docker reports by event (restart policy, a start straight at the engine) gets it too; each
 * start of a container (one PID) is attached once. When it fails, the container is killed: it
 * would otherwise wait forever for a network that will not come.
 */
public final class ProxyAttacher implements ContainerEvents {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyAttacher.class);

    /** The router's attach, e.g. {@code AttachService::attach}; failures are {@link ApiException}s. */
    @FunctionalInterface
    public interface Attach {
        List<Cidr> attach(String containerId, AttachRequest request);
    }

    /** How the proxy attaches: its {@code --without-dns}, {@code --no-rewrite-hosts}, ... flags. */
    public record Settings(boolean withoutDns, boolean rewriteHosts, boolean noMulticastRoute, boolean noDefaultIpalloc,
                           Duration timeout) {}

    private record Attempt(long pid, CompletableFuture<Void> done) {}

    private final EngineCalls engine;
    private final Attach attach;
    private final Settings settings;
    private final Executor work;
    private final Map<String, Attempt> attempts = new ConcurrentHashMap<>();

    public ProxyAttacher(EngineCalls engine, Attach attach, Settings settings, Executor work) {
        this.engine = engine;
        this.attach = attach;
        this.settings = settings;
        this.work = work;
    }

    /**
     * For a start the proxy forwarded and the engine accepted: completes once the container is
     * attached (or needs nothing); on failure the container has been killed and the stage fails
     * with the {@link ProxyException} to answer.
     */
    public CompletableFuture<Void> afterStart(String ref) {
        return async(() -> engine.container(ref)).thenCompose(found -> {
            if (found.isEmpty()) {
                throw new ProxyException(404, "No such container: " + ref);
            }
            ContainerView c = found.get();
            return attached(c).exceptionallyCompose(e -> {
                killAfterFailure(c);
                return CompletableFuture.failedFuture(clientError(c, e));
            });
        });
    }

    /** Docker says a container started: attach it if it is one of the proxy's, kill it if that fails. */
    @Override
    public void started(String containerId) {
        afterStart(containerId).whenComplete((v, e) -> {
            if (e != null) {
                LOG.warn("{}", unwrap(e).getMessage());
            }
        });
    }

    @Override
    public void died(String containerId) {
        attempts.remove(containerId);
    }

    @Override
    public void destroyed(String containerId) {
        attempts.remove(containerId);
    }

    /**
     * After a router restart: attaches every running container of the proxy's again (their names,
     * and their addresses if the netns lost them), retrying each for a while (2 s, growing by half,
     * up to a minute in all) since the router's other parts may still be settling.
     */
    public CompletableFuture<Void> reattachRunning() {
        return async(engine::runningIds).thenCompose(ids -> {
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (String id : ids) {
                all.add(reattach(id, Duration.ofSeconds(2), System.nanoTime() + TimeUnit.MINUTES.toNanos(1)));
            }
            return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
        });
    }

    private CompletableFuture<Void> reattach(String id, Duration delay, long deadline) {
        return async(() -> engine.container(id)).thenCompose(c -> c.isPresent() ? attached(c.get())
                        : CompletableFuture.<Void>completedFuture(null))
                .exceptionallyCompose(e -> {
                    if (System.nanoTime() + delay.toNanos() > deadline) {
                        LOG.warn("re-attaching {} after the router's restart failed: {}", id, unwrap(e).getMessage());
                        return CompletableFuture.completedFuture(null);
                    }
                    Executor later = CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS, work);
                    return CompletableFuture.supplyAsync(() -> null, later)
                            .thenCompose(x -> reattach(id, Duration.ofMillis(delay.toMillis() * 3 / 2), deadline));
                });
    }

    /** Attaches this start of the container once; later calls for the same PID share the outcome. */
    private CompletableFuture<Void> attached(ContainerView c) {
        if (!c.running() || !c.waitsForWeave()) {
            return CompletableFuture.completedFuture(null);
        }
        WeaveCidr.Decision decision;
        try {
            decision = WeaveCidr.decide(c.networkMode(), c.env(), settings.noDefaultIpalloc());
        } catch (ProxyException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (!decision.attach()) {
            LOG.info("leaving container {} alone: {}", c.shortId(), decision.skipReason());
            return CompletableFuture.completedFuture(null);
        }
        Attempt fresh = new Attempt(c.pid(), new CompletableFuture<>());
        Attempt attempt = attempts.compute(c.id(), (id, old) ->
                old != null && old.pid() == c.pid() && !old.done().isCompletedExceptionally() ? old : fresh);
        if (attempt == fresh) {
            try {
                work.execute(() -> {
                    try {
                        List<Cidr> cidrs = attach.attach(c.id(), request(c, decision));
                        LOG.info("attached container {} ({}) with {}", c.shortId(), c.name(), cidrs);
                        fresh.done().complete(null);
                    } catch (RuntimeException e) {
                        fresh.done().completeExceptionally(e);
                    }
                });
            } catch (RejectedExecutionException e) {
                fresh.done().completeExceptionally(new ProxyException(503, "the weave proxy is too busy to attach "
                        + c.shortId() + "; try again"));
            }
        }
        return attempt.done().copy().orTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private AttachRequest request(ContainerView c, WeaveCidr.Decision decision) {
        List<ExtraHost> hosts = new ArrayList<>();
        for (String entry : c.extraHosts()) {
            try {
                hosts.add(ExtraHost.parse(entry));
            } catch (IllegalArgumentException e) {
                LOG.debug("container {}: --add-host {} left out of /etc/hosts: {}", c.shortId(), entry, e.getMessage());
            }
        }
        return new AttachRequest(decision.addrs(), settings.withoutDns(), settings.rewriteHosts(), hosts,
                settings.noMulticastRoute(), false);
    }

    private void killAfterFailure(ContainerView c) {
        try {
            engine.kill(c.id());
        } catch (RuntimeException e) {
            LOG.warn("container {} could not be attached and cannot be killed: {}", c.shortId(), e.getMessage());
        }
    }

    private static ProxyException clientError(ContainerView c, Throwable error) {
        Throwable e = unwrap(error);
        String what = "weave could not attach container " + c.shortId() + (c.name().isEmpty() ? "" : " (" + c.name() + ")");
        if (e instanceof TimeoutException) {
            return new ProxyException(500, what + ": no answer within the proxy's time limit");
        }
        int status = e instanceof ApiException a ? a.status() : e instanceof ProxyException p ? p.status() : 500;
        return new ProxyException(status >= 400 && status < 600 ? status : 500, what + ": " + e.getMessage());
    }

    private static Throwable unwrap(Throwable e) {
        while (e instanceof CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    private interface Call<T> {
        T get();
    }

    private <T> CompletableFuture<T> async(Call<T> call) {
        try {
            return CompletableFuture.supplyAsync(call::get, work);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new ProxyException(503, "the weave proxy is too busy; try again"));
        }
    }

    /** Whether the container has a running attach (for tests). */
    Optional<Long> attemptPid(String id) {
        return Optional.ofNullable(attempts.get(id)).map(Attempt::pid);
    }
}
