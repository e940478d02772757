package dev.weft.router.attach;

import dev.weft.router.bridge.WeaveBridge;
import dev.weft.router.concurrent.DaemonThreads;
import dev.weft.router.docker.ContainerInfo;
import dev.weft.router.docker.Containers;
import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.plumbing.AttachOptions;
import dev.weft.weaveutil.plumbing.InterfaceInfo;
import dev.weft.weaveutil.plumbing.Plumbing;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * {@code weave ps}: one line per attached container (and the bridge), {@code <id> <mac> <ip/len>...}.
 * Each line is a Docker inspect and a netlink query in the container's namespace, mostly waiting: up to
 * {@link #LOOKUPS} are made at once (the request's own thread helps), on threads that end when idle.
 */
public final class PsService {
    static final int LOOKUPS = 4;

    private final Containers containers;
    private final Plumbing plumbing;
    private final WeaveBridge bridge;
    private final Executor lookups;

    public PsService(Containers containers, Plumbing plumbing, WeaveBridge bridge) {
        this(containers, plumbing, bridge, lookupThreads());
    }

    PsService(Containers containers, Plumbing plumbing, WeaveBridge bridge, Executor lookups) {
        this.containers = containers;
        this.plumbing = plumbing;
        this.bridge = bridge;
        this.lookups = lookups;
    }

    private static Executor lookupThreads() {
        return new ThreadPoolExecutor(0, LOOKUPS - 1, 10, TimeUnit.SECONDS, new SynchronousQueue<>(),
                DaemonThreads.named("ps-lookup"), new ThreadPoolExecutor.CallerRunsPolicy());
    }

    /** @param refs names, ids or {@code weave:expose}; empty = the bridge and every running container */
    public String ps(List<String> refs) {
        List<String> wanted = new ArrayList<>(refs);
        if (wanted.isEmpty()) {
            wanted.add(ExposeService.OWNER);
            wanted.addAll(containers.runningIds());
        }
        List<CompletableFuture<Optional<String>>> lines = wanted.stream()
                .map(ref -> CompletableFuture.supplyAsync(() -> line(ref), lookups)).toList();
        StringBuilder out = new StringBuilder();
        for (CompletableFuture<Optional<String>> line : lines) {
            line.join().ifPresent(l -> out.append(l).append('\n'));
        }
        return out.toString();
    }

    private Optional<String> line(String ref) {
        try {
            if (ExposeService.OWNER.equals(ref)) {
                return Optional.of(format(ref, bridge.mac(), bridge.addresses())); // even with no address, as the original
            }
            Optional<ContainerInfo> c = containers.inspect(ref);
            if (c.isEmpty() || !c.get().running() || c.get().pid() <= 0 || c.get().usesHostNetwork()) {
                return Optional.empty();
            }
            Optional<InterfaceInfo> iface = plumbing.containerInterface(Math.toIntExact(c.get().pid()),
                    AttachOptions.DEFAULT_INTERFACE);
            if (iface.isEmpty() || iface.get().addresses().isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(format(c.get().shortId(), iface.get().mac(), iface.get().addresses()));
        } catch (RuntimeException e) {
            return Optional.empty(); // no bridge yet, or the container went away while we looked: not attached
        }
    }

    private static String format(String id, String mac, List<Cidr> addrs) {
        StringBuilder line = new StringBuilder(id).append(' ').append(mac);
        for (Cidr cidr : addrs) {
            line.append(' ').append(cidr);
        }
        return line.toString();
    }
}
