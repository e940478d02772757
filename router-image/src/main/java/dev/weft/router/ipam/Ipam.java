package dev.weft.router.ipam;

import dev.weft.router.identity.PeerName;

import dev.weft.router.api.BackgroundFailures;
import dev.weft.router.api.ContainerEvents;
import dev.weft.router.api.ContainerLiveness;
import dev.weft.router.api.StatusSection;
import dev.weft.router.store.Store;
import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.addr.Ipv4;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IPAM for the router: the entry point the daemon wires. All state lives in an {@link Allocator}
 * driven by one thread of its own; callers' threads only wait. Implements the Docker lifecycle hooks.
 */
public final class Ipam implements ContainerEvents, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Ipam.class);
    private final IpamConfig config;
    private final ContainerLiveness liveness;
    private final Clock clock;
    private final ExecutorService thread;
    private final Allocator allocator;
    private final ScheduledFuture<?> expiry;
    private final BackgroundFailures failures;

    private Ipam(IpamConfig config, IpamPersistence persistence, ContainerLiveness liveness, Clock clock,
                 ScheduledExecutorService scheduler, BackgroundFailures failures) {
        this.config = config;
        this.failures = failures;
        this.liveness = liveness;
        this.clock = clock;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ipam");
            t.setDaemon(true);
            return t;
        });
        this.allocator = call(() -> new Allocator(config, persistence));
        this.expiry = scheduler.scheduleWithFixedDelay(this::releaseExpired, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Opens IPAM on the shared store: loads what was persisted for this peer and range (discarding it
     * otherwise), builds a seeded ring, and checks every second for dead containers to release.
     */
    public static Ipam create(IpamConfig config, Store store, ContainerLiveness liveness, Clock clock,
                              ScheduledExecutorService scheduler) {
        return create(config, store, liveness, clock, scheduler, new BackgroundFailures());
    }

    /** As above, counting failures of container death handling in {@code failures}. */
    public static Ipam create(IpamConfig config, Store store, ContainerLiveness liveness, Clock clock,
                              ScheduledExecutorService scheduler, BackgroundFailures failures) {
        return new Ipam(config, new IpamStore(store), liveness, clock, scheduler, failures);
    }

    public IpamConfig config() {
        return config;
    }

    /** Allocates the lowest free address of {@code subnet} for {@code id}; may wait for the ring or for space. */
    public IpamRequest<Cidr> allocate(String id, Cidr subnet, boolean checkAlive) {
        CompletableFuture<Cidr> result = new CompletableFuture<>();
        if (checkAlive && !liveness.isRunning(id)) {
            result.completeExceptionally(new RequestCancelledException("container " + id + " is not running"));
        } else {
            run(() -> allocator.allocate(id, subnet, result));
        }
        return new IpamRequest<>(result, this::cancel);
    }

    /** Records {@code cidr} for {@code id}; may wait for the ring unless {@code noErrorOnUnknown}. */
    public IpamRequest<Void> claim(String id, Cidr cidr, boolean checkAlive, boolean noErrorOnUnknown) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        if (checkAlive && !liveness.isRunning(id)) {
            result.completeExceptionally(new RequestCancelledException("container " + id + " is not running"));
        } else {
            run(() -> allocator.claim(id, cidr, noErrorOnUnknown, result));
        }
        return new IpamRequest<>(result, this::cancel);
    }

    /** Completes when the ring exists, starting its initialisation ({@code GET /ring}, {@code weave prime}). */
    public IpamRequest<Void> awaitRing() {
        CompletableFuture<Void> result = new CompletableFuture<>();
        run(() -> allocator.awaitRing(result));
        return new IpamRequest<>(result, this::cancel);
    }

    private void cancel(CompletableFuture<?> result) {
        run(() -> allocator.cancel(result));
    }

    public List<Cidr> lookup(String id, Cidr subnet) {
        return call(() -> allocator.lookup(id, subnet));
    }

    /** Every owner id with its addresses, in the order they were first recorded. */
    public Map<String, Owner> owners() {
        return call(allocator::owners);
    }

    /** Throws {@link IpamException} {@code Free: address <ip> not found for <id>}. */
    public void free(String id, Ipv4 address) {
        call(() -> {
            allocator.free(id, address);
            return null;
        });
    }

    /** Throws {@link IpamException} {@code Delete: no addresses for <id>}. */
    public void delete(String id) {
        call(() -> {
            allocator.delete(id);
            return null;
        });
    }

    /** {@code DELETE /peer}: gives our ranges to an heir if one is known, and wipes local IPAM data. */
    public Optional<PeerName> handOver() {
        return call(allocator::handOver);
    }

    /** {@code DELETE /peer/<name|nickname>}: number of addresses taken over from that peer. */
    public long takeOver(String nameOrNickname) {
        return call(() -> allocator.takeOver(nameOrNickname));
    }

    /**
     * Start-up reconciliation: {@code live} maps each running container id (and {@code weave:expose}
     * for the bridge) to the addresses it has; they are claimed, and stored containers not in it dropped.
     */
    public void reconcile(Map<String, List<Cidr>> live) {
        call(() -> {
            allocator.reconcile(live);
            return null;
        });
    }

    /** Merges a ring received from another peer; throws with the message that breaks the connection. */
    public void receiveRing(Ring ring) throws RingMergeException {
        try {
            thread.submit(() -> {
                allocator.receiveRing(ring);
                return null;
            }).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RingMergeException m) {
                throw m;
            }
            throw unwrap(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public IpamSnapshot snapshot() {
        return call(allocator::snapshot);
    }

    public StatusSection status() {
        return new IpamStatus(this::snapshot);
    }

    /** True once the ring exists (an observer alone never gets there). */
    public boolean isReady() {
        return call(allocator::hasRing);
    }

    @Override
    public void started(String containerId) {
        run(() -> allocator.containerStarted(containerId));
    }

    @Override
    public void died(String containerId) {
        long now = clock.millis();
        run(failures.guard(BackgroundFailures.CONTAINER_DEATH, LOG, "IPAM handling the death of " + containerId,
                () -> allocator.containerDied(containerId, now)));
    }

    @Override
    public void destroyed(String containerId) {
        run(failures.guard(BackgroundFailures.CONTAINER_DEATH, LOG, "IPAM releasing destroyed " + containerId,
                () -> allocator.containerDestroyed(containerId)));
    }

    /** Releases the addresses of containers dead for more than 30 s (the scheduler calls this every second). */
    public void releaseExpired() {
        long now = clock.millis();
        run(failures.guard(BackgroundFailures.CONTAINER_DEATH, LOG, "IPAM releasing dead containers' addresses",
                () -> allocator.releaseExpired(now)));
    }

    /** Waits until every task submitted so far has run (tests). */
    public void awaitIdle() {
        call(() -> null);
    }

    @Override
    public void close() {
        expiry.cancel(false);
        thread.shutdown();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run(Runnable task) {
        thread.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("ipam: {}", e.getMessage(), e);
            }
        });
    }

    private <T> T call(Callable<T> task) {
        try {
            return thread.submit(task).get();
        } catch (ExecutionException e) {
            throw unwrap(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RequestCancelledException("interrupted");
        }
    }

    private static RuntimeException unwrap(ExecutionException e) {
        return e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
}
