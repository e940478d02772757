package dev.weft.weaveutil.plumbing;

import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.addr.Mac;
import dev.weft.weaveutil.netlink.LinkNotFoundException;
import dev.weft.weaveutil.ns.NetNs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An in-memory {@link Plumbing} with the same rules as the real one (idempotence, "added" and
 * "removed" results, errors for missing bridges and dead containers), for tests of code that
 * drives plumbing. Containers must be declared with {@link #addContainer} before attaching; host
 * routes with {@link #addHostRoute}. Thread-safe.
 */
public final class FakePlumbing implements Plumbing {

    /** A bridge as the fake knows it. */
    public record FakeBridge(String name, int mtu, String mac, List<Cidr> addresses) {
    }

    private record HostRoute(Cidr destination, String ifName) {
    }

    private static final class BridgeState {
        int mtu;
        String mac;
        final Set<Cidr> addresses = new LinkedHashSet<>();
    }

    private static final class ContainerState {
        String bridge;
        String ifName;
        String mac;
        boolean multicastRoute;
        final Set<Cidr> addresses = new LinkedHashSet<>();
    }

    private final Map<String, BridgeState> bridges = new LinkedHashMap<>();
    private final Set<String> otherLinks = new HashSet<>();
    private final Set<Integer> livePids = new HashSet<>();
    private final Set<Integer> hostNetworkPids = new HashSet<>();
    private final Map<Integer, ContainerState> attached = new LinkedHashMap<>();
    private final List<HostRoute> hostRoutes = new ArrayList<>();
    private final Map<String, String> sysctls = new LinkedHashMap<>();
    private RuntimeException nextAttachFailure;
    private final Map<Integer, RuntimeException> interfaceReadFailures = new HashMap<>();

    /** Declares a running container process with its own network namespace. */
    public synchronized FakePlumbing addContainer(int pid) {
        livePids.add(pid);
        return this;
    }

    /** Declares a running container that shares the host's network namespace. */
    public synchronized FakePlumbing addHostNetworkContainer(int pid) {
        livePids.add(pid);
        hostNetworkPids.add(pid);
        return this;
    }

    /** The container's process exits: its namespace and interface disappear. */
    public synchronized void killContainer(int pid) {
        livePids.remove(pid);
        attached.remove(pid);
    }

    /** A non-bridge link on the host (e.g. {@code eth0}), to test name clashes. */
    public synchronized FakePlumbing addHostLink(String name) {
        otherLinks.add(name);
        return this;
    }

    public synchronized FakePlumbing addHostRoute(Cidr destination, String ifName) {
        hostRoutes.add(new HostRoute(destination, ifName));
        return this;
    }

    /** Makes the next attachContainer fail with {@code failure} after it would have made the veth. */
    public synchronized void failNextAttach(RuntimeException failure) {
        nextAttachFailure = failure;
    }

    /** Makes every containerInterface of {@code pid} fail with {@code failure} (a netlink error), until cleared with null. */
    public synchronized void failInterfaceReads(int pid, RuntimeException failure) {
        if (failure == null) {
            interfaceReadFailures.remove(pid);
        } else {
            interfaceReadFailures.put(pid, failure);
        }
    }

    public synchronized Optional<FakeBridge> bridge(String name) {
        BridgeState b = bridges.get(name);
        return b == null ? Optional.empty()
                : Optional.of(new FakeBridge(name, b.mtu, b.mac, List.copyOf(b.addresses)));
    }

    /** The value last written for {@code key} (in any namespace). */
    public synchronized Optional<String> sysctl(String key) {
        return Optional.ofNullable(sysctls.get(key));
    }

    /** Whether the container currently has the multicast route. */
    public synchronized boolean hasMulticastRoute(int pid) {
        ContainerState c = attached.get(pid);
        return c != null && c.multicastRoute;
    }

    /** The bridge the container's interface is attached to, if any. */
    public synchronized Optional<String> attachedBridge(int pid) {
        return Optional.ofNullable(attached.get(pid)).map(c -> c.bridge);
    }

    @Override
    public synchronized void ensureBridge(String name, int mtu, String macOrNull) {
        if (otherLinks.contains(name)) {
            throw new PlumbingException(name + " exists but is not a bridge (kind: device)");
        }
        String mac = macOrNull == null ? null : Mac.parse(macOrNull).toString();
        BridgeState b = bridges.computeIfAbsent(name, n -> {
            BridgeState fresh = new BridgeState();
            fresh.mtu = 1500;
            fresh.mac = Mac.randomLocal().toString();
            return fresh;
        });
        if (mtu > 0) {
            b.mtu = mtu;
        }
        if (mac != null) {
            b.mac = mac;
        }
    }

    @Override
    public synchronized void deleteLink(String name) {
        bridges.remove(name);
        otherLinks.remove(name);
        attached.keySet().removeIf(pid -> VethNames.hostEnd(pid).equals(name));
    }

    @Override
    public synchronized List<Cidr> bridgeAddresses(String bridge) {
        return List.copyOf(requireBridge(bridge).addresses);
    }

    @Override
    public synchronized boolean addBridgeAddress(String bridge, Cidr addr) {
        return requireBridge(bridge).addresses.add(addr);
    }

    @Override
    public synchronized boolean deleteBridgeAddress(String bridge, Cidr addr) {
        return requireBridge(bridge).addresses.remove(addr);
    }

    @Override
    public synchronized List<Cidr> attachContainer(int pid, String bridge, List<Cidr> addrs, AttachOptions opts) {
        if (!livePids.contains(pid)) {
            throw new PlumbingException("container " + pid + " died (no process " + pid + ")");
        }
        if (hostNetworkPids.contains(pid)) {
            throw new PlumbingException("container " + pid
                    + " shares the host network namespace (--net=host); it cannot be attached");
        }
        if (!bridges.containsKey(bridge)) {
            throw new PlumbingException("bridge " + bridge + " not found");
        }
        boolean created = !attached.containsKey(pid);
        ContainerState c = attached.computeIfAbsent(pid, p -> {
            ContainerState fresh = new ContainerState();
            fresh.bridge = bridge;
            fresh.ifName = opts.ifName();
            fresh.mac = Mac.randomLocal().toString();
            return fresh;
        });
        if (nextAttachFailure != null) {
            RuntimeException failure = nextAttachFailure;
            nextAttachFailure = null;
            if (created) {
                attached.remove(pid);
            }
            throw failure;
        }
        List<Cidr> added = new ArrayList<>();
        for (Cidr cidr : new LinkedHashSet<>(addrs)) {
            if (c.addresses.add(cidr)) {
                added.add(cidr);
            }
        }
        c.multicastRoute |= opts.multicastRoute();
        return added;
    }

    @Override
    public synchronized List<Cidr> detachContainer(int pid, List<Cidr> addrs) {
        ContainerState c = attached.get(pid);
        if (c == null || !livePids.contains(pid)) {
            return List.of();
        }
        List<Cidr> removed = new ArrayList<>();
        for (Cidr cidr : new LinkedHashSet<>(addrs)) {
            if (c.addresses.remove(cidr)) {
                removed.add(cidr);
            }
        }
        if (c.addresses.isEmpty()) {
            attached.remove(pid);
        }
        return removed;
    }

    @Override
    public synchronized Optional<InterfaceInfo> containerInterface(int pid, String ifName) {
        if (interfaceReadFailures.containsKey(pid)) {
            throw interfaceReadFailures.get(pid);
        }
        ContainerState c = attached.get(pid);
        if (c == null || !livePids.contains(pid) || !c.ifName.equals(ifName)) {
            return Optional.empty();
        }
        return Optional.of(new InterfaceInfo(c.ifName, c.mac, List.copyOf(c.addresses)));
    }

    @Override
    public synchronized boolean overlapsHostRoute(Cidr cidr, Set<String> ignoreInterfaces) {
        return hostRoutes.stream()
                .anyMatch(r -> !ignoreInterfaces.contains(r.ifName()) && r.destination().overlaps(cidr));
    }

    @Override
    public synchronized void setSysctl(NetNs ns, String key, String value) {
        if (key.isEmpty() || key.startsWith("/") || key.contains("..")) {
            throw new IllegalArgumentException("invalid sysctl key: " + key);
        }
        sysctls.put(key, value);
    }

    private BridgeState requireBridge(String name) {
        BridgeState b = bridges.get(name);
        if (b == null) {
            throw new LinkNotFoundException("get link " + name);
        }
        return b;
    }
}
