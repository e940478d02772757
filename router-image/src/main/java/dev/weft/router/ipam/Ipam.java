package dev.weft.router.ipam;

import dev.weft.router.api.BackgroundFailures;
import dev.weft.router.api.ContainerEvents;
import dev.weft.router.api.ContainerLiveness;
import dev.weft.router.api.StatusSection;
import dev.weft.router.concurrent.DaemonThreads;
import dev.weft.router.identity.PeerName;
import dev.weft.router.mesh.Gossip;
import dev.weft.router.mesh.GossipChannels;
import dev.weft.router.mesh.LocalOnlyMesh;
import dev.weft.router.mesh.Membership;
import dev.weft.router.store.Store;
import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.addr.Ipv4;
import java.security.SecureRandom;
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
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IPAM for the router: the entry point the daemon wires. All state lives in an {@link Allocator}
 * driven by one thread of its own; callers' threads (HTTP, Docker events, the mesh) only wait.
 * Gossips on channel {@value #CHANNEL} and implements the Docker lifecycle hooks.
 */
public final class Ipam implements ContainerEvents, AutoCloseable {
    public static final String CHANNEL = "IPallocation";
    private static final Logger LOG = LoggerFactory.getLogger(Ipam.class);

    private final IpamConfig config;
    private final ContainerLiveness liveness;
    private final Clock clock;
    private final ExecutorService thread;
    private final ExecutorService livenessChecks;
    private final Allocator allocator;
    private final ScheduledFuture<?> ticker;
    private final BackgroundFailures failures;

    private Ipam(IpamConfig config, IpamPersistence persistence, ContainerLiveness liveness, Clock clock,
                 ScheduledExecutorService scheduler, GossipChannels channels, Membership membership,
                 BackgroundFailures failures) {
        this.config = config;
        this.failures = failures;
        this.liveness = liveness;
        this.clock = clock;
        this.thread = Executors.newSingleThreadExecutor(DaemonThreads.named("ipam"));
        this.livenessChecks = Executors.newCachedThreadPool(DaemonThreads.named("ipam-liveness"));
        ForwardingGossip gossip = new ForwardingGossip();
        this.allocator = call(() -> new Allocator(config, persistence, membership, gossip, clock, new SecureRandom()));
        gossip.target = channels.channel(CHANNEL, new IpamGossiper(this));
        membership.onReachableChange(reachable -> run(allocator::reachableChanged));
        run(allocator::reachableChanged);
        this.ticker = scheduler.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    /** IPAM of a peer alone (no mesh). */
    public static Ipam create(IpamConfig config, Store store, ContainerLiveness liveness, Clock clock,
                              ScheduledExecutorService scheduler) {
        LocalOnlyMesh alone = new LocalOnlyMesh(config.ourName());
        return create(config, store, liveness, clock, scheduler, alone, alone);
    }

    /**
     * Opens IPAM on the shared store: loads what was persisted for this peer and range (discarding it
     * otherwise), builds a seeded ring, joins the {@value #CHANNEL} gossip channel, and works every
     * second (dead containers, space and consensus retries).
     */
    public static Ipam create(IpamConfig config, Store store, ContainerLiveness liveness, Clock clock,
                              ScheduledExecutorService scheduler, GossipChannels channels, Membership membership) {
        return create(config, store, liveness, clock, scheduler, channels, membership, new BackgroundFailures());
    }

    /** As above, counting failures of the periodic work and of container death handling in {@code failures}. */
    public static Ipam create(IpamConfig config, Store store, ContainerLiveness liveness, Clock clock,
                              ScheduledExecutorService scheduler, GossipChannels channels, Membership membership,
                              BackgroundFailures failures) {
        return new Ipam(config, new IpamStore(store), liveness, clock, scheduler, channels, membership, failures);
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
            run(unlessCancelled(result, () -> allocator.allocate(id, subnet, result)));
        }
        return new IpamRequest<>(result, this::cancel);
    }

    /**
     * Records {@code cidr} for {@code id}; may wait for the ring unless {@code noErrorOnUnknown}. When
     * another container holds the address here and the engine says it is not running (its death not
     * processed yet), the address goes to {@code id}.
     */
    public IpamRequest<Void> claim(String id, Cidr cidr, boolean checkAlive, boolean noErrorOnUnknown) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        AtomicReference<CompletableFuture<Void>> current = new AtomicReference<>();
        if (checkAlive && !liveness.isRunning(id)) {
            result.completeExceptionally(new RequestCancelledException("container " + id + " is not running"));
            return new IpamRequest<>(result, this::cancel);
        }
        CompletableFuture<Void> first = new CompletableFuture<>();
        current.set(first);
        run(unlessCancelled(first, () -> allocator.claim(id, cidr, noErrorOnUnknown, first)));
        first.whenComplete((ok, error) -> {
            if (error instanceof AddressInUseException inUse && Owner.isContainerId(inUse.holder())
                    && !inUse.holder().equals(id)) {
                livenessChecks.execute(() -> claimFromDead(id, cidr, inUse, current, result));
            } else {
                forward(ok, error, result);
            }
        });
        return new IpamRequest<>(result, ignored -> {
            CompletableFuture<Void> pendingPart = current.get();
            if (pendingPart.isDone()) {
                result.completeExceptionally(new RequestCancelledException("request cancelled"));
            } else {
                cancel(pendingPart);
            }
        });
    }

    /** Asks the engine whether the holder runs; only a definite "not running" hands the address over. */
    private void claimFromDead(String id, Cidr cidr, AddressInUseException inUse,
                               AtomicReference<CompletableFuture<Void>> current, CompletableFuture<Void> result) {
        boolean running;
        try {
            running = liveness.isRunning(inUse.holder());
        } catch (RuntimeException e) {
            LOG.warn("cannot tell whether {} runs ({}); {} stays with it", inUse.holder(), e.getMessage(),
                    cidr.address());
            running = true;
        }
        // set before the check: a cancel from now on reaches the second step, or sees this one done
        CompletableFuture<Void> second = new CompletableFuture<>();
        current.set(second);
        if (running || result.isDone()) {
            result.completeExceptionally(inUse);
            return;
        }
        run(unlessCancelled(second, () -> allocator.claimFromDead(id, cidr, inUse.holder(), second)));
        second.whenComplete((ok, error) -> forward(ok, error, result));
    }

    private static <T> void forward(T value, Throwable error, CompletableFuture<T> to) {
        if (error != null) {
            to.completeExceptionally(error);
        } else {
            to.complete(value);
        }
    }

    /** Completes when the ring exists, starting its initialisation ({@code GET /ring}, {@code weave prime}). */
    public IpamRequest<Void> awaitRing() {
        CompletableFuture<Void> result = new CompletableFuture<>();
        run(unlessCancelled(result, () -> allocator.awaitRing(result)));
        return new IpamRequest<>(result, this::cancel);
    }

    /**
     * A cancel may reach the IPAM thread before the request it cancels (a claim's second step is asked
     * for from another thread): then the request is failed here and {@link #unlessCancelled} drops it.
     */
    private void cancel(CompletableFuture<?> result) {
        run(() -> {
            allocator.cancel(result);
            if (!result.isDone()) {
                result.completeExceptionally(new RequestCancelledException("request cancelled"));
            }
        });
    }

    private static Runnable unlessCancelled(CompletableFuture<?> result, Runnable request) {
        return () -> {
            if (!result.isDone()) {
                request.run();
            }
        };
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

    /** {@code DELETE /peer}: gives our ranges to an heir if one is known, tells the others, and wipes local IPAM data. */
    public Optional<PeerName> handOver() {
        return call(allocator::handOver);
    }

    /**
     * {@code DELETE /peer/<name|nickname>}: number of addresses taken over from that dead peer. Throws
     * {@link IpamException} for an unknown or a reachable peer.
     */
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

    public IpamSnapshot snapshot() {
        return call(allocator::snapshot);
    }

    /** What the oldest waiting request waits for, in one line; empty when nothing waits. */
    public String waitReason() {
        return call(allocator::waitReason);
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

    /** The periodic work (the scheduler runs it every second): dead containers, retries of space and consensus. */
    public void tick() {
        run(failures.guard(BackgroundFailures.IPAM_PERIODIC, LOG, "IPAM periodic work (dead containers, retries)",
                allocator::tick));
    }

    /** Releases the addresses of containers dead for more than 30 s. */
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
        ticker.cancel(false);
        livenessChecks.shutdownNow();
        thread.shutdown();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- for the gossiper (mesh threads) ----------------------------------------------------

    /** Closed: the mesh may still deliver for a moment; that gossip is dropped. */
    boolean isClosed() {
        return thread.isShutdown();
    }

    void receiveUnicast(PeerName sender, IpamMessage message) throws RingMergeException {
        callChecked(() -> {
            allocator.receiveUnicast(sender, message);
            return null;
        });
    }

    /** Merges a peer's state; returns ours when that changed anything, else null. */
    IpamMessage.State receive(IpamMessage.State state) throws RingMergeException {
        return callChecked(() -> allocator.receive(state) ? allocator.state() : null);
    }

    IpamMessage.State state() {
        return call(allocator::state);
    }

    private void run(Runnable task) {
        try {
            thread.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("ipam: {}", e.getMessage(), e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("ipam closed; dropped a task");
        }
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

    private <T> T callChecked(Callable<T> task) throws RingMergeException {
        try {
            return thread.submit(task).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RingMergeException m) {
                throw m;
            }
            throw unwrap(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RequestCancelledException("interrupted");
        }
    }

    private static RuntimeException unwrap(ExecutionException e) {
        return e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }


    /** The channel the allocator sends on, known only once the gossiper is registered. */
    private static final class ForwardingGossip implements Gossip {
        volatile Gossip target;

        @Override
        public void gossipUnicast(PeerName destination, byte[] message) {
            Gossip t = target;
            if (t != null) {
                t.gossipUnicast(destination, message);
            }
        }

        @Override
        public void gossipBroadcast(dev.weft.router.mesh.GossipData update) {
            Gossip t = target;
            if (t != null) {
                t.gossipBroadcast(update);
            }
        }

        @Override
        public void gossipNeighbourSubset(dev.weft.router.mesh.GossipData update) {
            Gossip t = target;
            if (t != null) {
                t.gossipNeighbourSubset(update);
            }
        }
    }
}
