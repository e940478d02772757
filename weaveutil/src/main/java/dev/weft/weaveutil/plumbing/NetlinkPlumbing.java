package dev.weft.weaveutil.plumbing;

import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.addr.Mac;
import dev.weft.weaveutil.jna.Ethtool;
import dev.weft.weaveutil.jna.PacketSocket;
import dev.weft.weaveutil.model.Address;
import dev.weft.weaveutil.model.Bridge;
import dev.weft.weaveutil.model.Link;
import dev.weft.weaveutil.model.LinkAttrs;
import dev.weft.weaveutil.model.Route;
import dev.weft.weaveutil.model.Veth;
import dev.weft.weaveutil.netlink.Addresses;
import dev.weft.weaveutil.netlink.LinkReaper;
import dev.weft.weaveutil.netlink.Netlink;
import dev.weft.weaveutil.nl.Errno;
import dev.weft.weaveutil.nl.NetlinkException;
import dev.weft.weaveutil.ns.NetNs;
import dev.weft.weaveutil.ns.NoSuchNamespaceException;
import dev.weft.weaveutil.sysctl.Sysctl;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * {@link Plumbing} on the kernel: rtnetlink for links, addresses and routes; the container's own
 * namespace (entered on a dedicated thread) for its sysctls, TX checksum, iptables and ARP.
 * "Host" is the namespace given to the constructor, by default the constructing thread's.
 * A detached container's veth is retired at once and deleted in the background by a
 * {@link LinkReaper}, batched with other deletions; {@link #close} waits for them.
 */
public final class NetlinkPlumbing implements Plumbing, AutoCloseable {
    static final Cidr MULTICAST = Cidr.parse("224.0.0.0/4");

    private final NetNs hostNs;
    private final Netlink host;
    private final ContainerFirewall firewall;
    private LinkReaper reaper;
    private Consumer<RuntimeException> reaperFailures = e -> { };

    /** Plumbing whose "host" is the calling thread's namespace, with iptables for container rules. */
    public NetlinkPlumbing() {
        this(NetNs.current(), new IptablesContainerFirewall());
    }

    /**
     * Plumbing whose "host" is {@code hostNs} (taken over: closed with this object). Veths that a
     * killed process retired but did not delete are deleted first, so that no attach finds a
     * retired {@code ethwe} in a container and reuses it.
     */
    public NetlinkPlumbing(NetNs hostNs, ContainerFirewall firewall) {
        this.hostNs = hostNs;
        this.host = Netlink.open(hostNs);
        this.firewall = firewall;
        try {
            host.links().deleteGroup(LinkReaper.GROUP);
        } catch (RuntimeException e) {
            host.close();
            throw e;
        }
    }

    /**
     * Tells {@code listener} when the background deletion of detached containers' veths fails (on
     * the reaper's thread, as it happens); the failure is also rethrown when the plumbing closes.
     */
    public synchronized void onReaperFailure(Consumer<RuntimeException> listener) {
        reaperFailures = listener;
        if (reaper != null) {
            reaper.onFailure(listener);
        }
    }

    /** The netlink handle on the host namespace, for callers that need lower-level operations. */
    public Netlink hostNetlink() {
        return host;
    }

    @Override
    public void ensureBridge(String name, int mtu, String macOrNull) {
        Mac mac = macOrNull == null ? null : Mac.parse(macOrNull);
        Optional<Link> existing = host.links().find(name);
        if (existing.isEmpty()) {
            try {
                host.links().add(new Bridge(LinkAttrs.named(name).withMtu(mtu).withMac(mac)));
            } catch (NetlinkException e) {
                if (e.errno() != Errno.EEXIST) {
                    throw e;
                }
            }
            existing = host.links().find(name);
        }
        Link link = existing.orElseThrow(() -> new PlumbingException("bridge " + name + " vanished while creating it"));
        if (!(link instanceof Bridge)) {
            throw new PlumbingException(name + " exists but is not a bridge (kind: "
                    + (link.kind().isEmpty() ? "device" : link.kind()) + ")");
        }
        if (mtu > 0 && link.mtu() != mtu) {
            host.links().setMtu(name, mtu);
        }
        if (mac != null && !mac.equals(link.mac())) {
            host.links().setMac(name, mac);
        }
        if (!link.isUp()) {
            host.links().setUp(name);
        }
        hostNs.run(() -> InterfaceSysctls.configureNeighbourCache(name));
    }

    @Override
    public void deleteLink(String name) {
        host.links().deleteIfExists(name);
    }

    @Override
    public List<Cidr> bridgeAddresses(String bridge) {
        return host.addresses().listIpv4(bridge);
    }

    @Override
    public boolean addBridgeAddress(String bridge, Cidr addr) {
        try {
            host.addresses().add(bridge, addr);
            return true;
        } catch (NetlinkException e) {
            if (e.errno() == Errno.EEXIST) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean deleteBridgeAddress(String bridge, Cidr addr) {
        try {
            host.addresses().delete(bridge, addr);
            return true;
        } catch (NetlinkException e) {
            if (e.errno() == Errno.EADDRNOTAVAIL) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public List<Cidr> attachContainer(int pid, String bridge, List<Cidr> addrs, AttachOptions opts) {
        try (NetNs ns = containerNamespace(pid)) {
            return attach(ns, Integer.toString(pid), bridge, addrs, opts);
        }
    }

    /**
     * {@link #attachContainer} for any namespace handle; {@code vethId} names the host end
     * ({@code vethwepl<vethId>}, cut to 7 characters).
     */
    public List<Cidr> attach(NetNs ns, String vethId, String bridge, List<Cidr> addrs, AttachOptions opts) {
        try (Netlink inside = Netlink.open(ns)) {
            if (ns.id().equals(hostNs.id())) {
                throw new PlumbingException("container " + vethId
                        + " shares the host network namespace (--net=host); it cannot be attached");
            }
            Link bridgeLink = host.links().find(bridge)
                    .orElseThrow(() -> new PlumbingException("bridge " + bridge + " not found"));
            String hostEnd = VethNames.hostEnd(vethId);
            awaitRetiredGone(hostEnd);
            boolean created = false;
            if (inside.links().find(opts.ifName()).isEmpty()) {
                createInterface(ns, bridgeLink, hostEnd, opts);
                created = true;
            }
            try {
                return addAddresses(ns, inside, addrs, opts, created);
            } catch (RuntimeException e) {
                if (created) {
                    removeHalfMadeInterface(ns, hostEnd, opts.ifName(), e);
                }
                throw e;
            }
        }
    }

    private void createInterface(NetNs ns, Link bridge, String hostEnd, AttachOptions opts) {
        int mtu = opts.mtu() > 0 ? opts.mtu() : bridge.mtu();
        // A host end without its container end is left over from an earlier failed attach.
        host.links().deleteIfExists(hostEnd);
        host.links().add(Veth.pair(LinkAttrs.named(hostEnd).withMtu(mtu).withMaster(bridge.index()).up(),
                opts.ifName(), ns));
        try {
            hostNs.run(() -> InterfaceSysctls.disableRouterAdvertisements(hostEnd));
            if (opts.hairpin()) {
                host.links().setHairpin(hostEnd, true);
            }
            inside(ns, () -> {
                InterfaceSysctls.disableRouterAdvertisements(opts.ifName());
                InterfaceSysctls.configureNeighbourCache(opts.ifName());
                InterfaceSysctls.keepSecondaryAddresses(opts.ifName());
                if (!opts.keepTxOn()) {
                    Ethtool.setTxChecksum(opts.ifName(), false);
                }
                return null;
            });
        } catch (RuntimeException e) {
            removeHalfMadeInterface(ns, hostEnd, opts.ifName(), e);
            throw e;
        }
    }

    /** @param newInterface ethwe was just made: its multicast filter is set up with the first subnets */
    private List<Cidr> addAddresses(NetNs ns, Netlink inside, List<Cidr> addrs, AttachOptions opts,
                                    boolean newInterface) {
        Link ethwe = inside.links().get(opts.ifName());
        Set<Cidr> present = new LinkedHashSet<>(inside.addresses().listIpv4(opts.ifName()));
        Set<Cidr> presentSubnets = present.stream().map(Cidr::network).collect(Collectors.toSet());
        List<Cidr> added = new ArrayList<>();
        for (Cidr cidr : new LinkedHashSet<>(addrs)) {
            if (present.contains(cidr)) {
                continue;
            }
            try {
                inside.addresses().add(Address.of(ethwe.index(), cidr));
                added.add(cidr);
            } catch (NetlinkException e) {
                if (e.errno() != Errno.EEXIST) {
                    throw e;
                }
            }
        }
        Set<Cidr> newSubnets = added.stream().map(Cidr::network).filter(s -> !presentSubnets.contains(s))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (!ethwe.isUp()) {
            inside.links().setUp(opts.ifName());
        }
        Mac mac = ethwe.mac();
        inside(ns, () -> {
            if (newInterface) {
                firewall.installMulticastFilter(opts.ifName(), newSubnets);
            } else if (!newSubnets.isEmpty()) {
                firewall.ensureMulticastFilter(opts.ifName(), newSubnets);
            }
            for (Cidr cidr : added) {
                PacketSocket.send(ethwe.index(), PacketSocket.ETH_P_ARP, GratuitousArp.BROADCAST,
                        GratuitousArp.payload(mac, cidr.address()));
            }
            return null;
        });
        if (opts.multicastRoute()) {
            inside.routes().replace(Route.linkScoped(MULTICAST, ethwe.index()));
        }
        return added;
    }

    private void removeHalfMadeInterface(NetNs ns, String hostEnd, String ifName, RuntimeException cause) {
        try {
            host.links().deleteIfExists(hostEnd);
            inside(ns, () -> {
                firewall.removeMulticastFilter(ifName);
                return null;
            });
        } catch (RuntimeException cleanupFailure) {
            cause.addSuppressed(cleanupFailure);
        }
    }

    @Override
    public List<Cidr> detachContainer(int pid, List<Cidr> addrs) {
        NetNs ns;
        try {
            ns = NetNs.ofPid(pid);
        } catch (NoSuchNamespaceException e) {
            return List.of();
        }
        try (ns) {
            return detach(ns, addrs);
        }
    }

    /** {@link #detachContainer} for any namespace handle. */
    public List<Cidr> detach(NetNs ns, List<Cidr> addrs) {
        String ifName = AttachOptions.DEFAULT_INTERFACE;
        try (Netlink inside = Netlink.open(ns)) {
            Optional<Link> ethwe = inside.links().find(ifName);
            if (ethwe.isEmpty()) {
                return List.of();
            }
            List<Cidr> present = inside.addresses().listIpv4(ifName);
            List<Cidr> removed = new ArrayList<>();
            for (Cidr cidr : new LinkedHashSet<>(addrs)) {
                if (present.contains(cidr)) {
                    try {
                        inside.addresses().delete(Address.of(ethwe.get().index(), cidr));
                    } catch (NetlinkException e) {
                        // Gone already: without promote_secondaries the kernel drops secondaries with their primary.
                        if (e.errno() != Errno.EADDRNOTAVAIL) {
                            throw e;
                        }
                    }
                    removed.add(cidr);
                }
            }
            List<Cidr> remaining = present.stream().filter(c -> !removed.contains(c)).toList();
            Set<Cidr> remainingSubnets = remaining.stream().map(Cidr::network).collect(Collectors.toSet());
            List<Cidr> goneSubnets = removed.stream().map(Cidr::network).distinct()
                    .filter(subnet -> !remainingSubnets.contains(subnet)).toList();
            inside(ns, () -> {
                if (remaining.isEmpty()) {
                    firewall.removeMulticastFilter(ifName);
                } else if (!goneSubnets.isEmpty()) {
                    firewall.removeMulticastAllows(ifName, goneSubnets);
                }
                return null;
            });
            if (remaining.isEmpty()) {
                removeInterface(inside, ethwe.get());
            }
            return removed;
        }
    }

    /**
     * Retires the host end of the container's veth, which takes both ends out of service now and
     * deletes them soon; an interface whose peer is not on this host is deleted here and now.
     */
    private void removeInterface(Netlink inside, Link ethwe) {
        Optional<Link> hostEnd = ethwe instanceof Veth && ethwe.attrs().parentIndex() > 0
                ? host.links().find(ethwe.attrs().parentIndex())
                        .filter(peer -> peer instanceof Veth && peer.attrs().parentIndex() == ethwe.index())
                : Optional.empty();
        if (hostEnd.isPresent()) {
            reaper().retire(hostEnd.get().index(), hostEnd.get().name());
        } else {
            inside.links().deleteIfExists(ethwe.name());
        }
    }

    private synchronized LinkReaper reaper() {
        if (reaper == null) {
            reaper = LinkReaper.open(hostNs);
            reaper.onFailure(reaperFailures);
        }
        return reaper;
    }

    /** The reaper, if a detach has started one. */
    private synchronized Optional<LinkReaper> startedReaper() {
        return Optional.ofNullable(reaper);
    }

    /** A veth of this name that a detach retired must be gone before the name is used again. */
    private void awaitRetiredGone(String hostEnd) {
        startedReaper().ifPresent(r -> r.awaitGone(hostEnd));
    }

    /** Returns once every veth retired by a detach so far is deleted. */
    public void awaitDetachedGone() {
        startedReaper().ifPresent(LinkReaper::flush);
    }

    @Override
    public Optional<InterfaceInfo> containerInterface(int pid, String ifName) {
        NetNs ns;
        try {
            ns = NetNs.ofPid(pid);
        } catch (NoSuchNamespaceException e) {
            return Optional.empty();
        }
        try (ns) {
            return interfaceIn(ns, ifName);
        }
    }

    /** The named interface in any namespace (PID, named netns or path), for {@code container-addrs}. */
    public Optional<InterfaceInfo> interfaceIn(NetNs ns, String ifName) {
        try (Netlink inside = Netlink.open(ns)) {
            return inside.links().find(ifName).map(link -> new InterfaceInfo(link.name(),
                    link.mac() == null ? "" : link.mac().toString(), inside.addresses().listIpv4(ifName)));
        }
    }

    /**
     * The interfaces in {@code ns} whose veth peer is a port of {@code bridge} on the host, with
     * their MAC and IPv4 addresses ({@code container-addrs}).
     */
    public List<InterfaceInfo> interfacesOnBridge(NetNs ns, String bridge) {
        Link bridgeLink = host.links().find(bridge)
                .orElseThrow(() -> new PlumbingException("bridge " + bridge + " not found"));
        Set<Integer> ports = host.links().list().stream().filter(l -> l.attrs().masterIndex() == bridgeLink.index())
                .map(Link::index).collect(Collectors.toSet());
        try (Netlink inside = Netlink.open(ns)) {
            List<Address> addresses = inside.addresses().list(Addresses.FAMILY_V4);
            List<InterfaceInfo> found = new ArrayList<>();
            for (Link link : inside.links().list()) {
                if (link instanceof Veth && ports.contains(link.attrs().parentIndex())) {
                    List<Cidr> cidrs = addresses.stream().filter(a -> a.linkIndex() == link.index())
                            .map(Address::toCidr).toList();
                    found.add(new InterfaceInfo(link.name(), link.mac() == null ? "" : link.mac().toString(), cidrs));
                }
            }
            return found;
        }
    }

    /** The bridge itself as an interface ({@code container-addrs BRIDGE weave:expose}). */
    public InterfaceInfo bridgeInterface(String bridge) {
        Link link = host.links().find(bridge)
                .orElseThrow(() -> new PlumbingException("bridge " + bridge + " not found"));
        return new InterfaceInfo(link.name(), link.mac() == null ? "" : link.mac().toString(),
                host.addresses().listIpv4(bridge));
    }

    /** {@code none} if there is no such link, {@code bridge} for a Linux bridge; anything else is an error. */
    public String bridgeType(String bridge) {
        Optional<Link> link = host.links().find(bridge);
        if (link.isEmpty()) {
            return "none";
        }
        if (link.get() instanceof Bridge) {
            return "bridge";
        }
        throw new PlumbingException("Inconsistent bridge state detected: " + bridge + " is a "
                + (link.get().kind().isEmpty() ? "device" : link.get().kind()) + ", not a bridge. "
                + "Please do 'weave reset' and try again");
    }

    @Override
    public boolean overlapsHostRoute(Cidr cidr, Set<String> ignoreInterfaces) {
        return overlappingHostRoute(cidr, ignoreInterfaces).isPresent();
    }

    /** The first non-default IPv4 route of the main table that overlaps {@code cidr}, skipping ignored interfaces. */
    public Optional<Cidr> overlappingHostRoute(Cidr cidr, Set<String> ignoreInterfaces) {
        Map<Integer, String> names = new HashMap<>();
        host.links().list().forEach(l -> names.put(l.index(), l.name()));
        return host.routes().listMain(Addresses.FAMILY_V4).stream()
                .filter(r -> !r.isDefault())
                .filter(r -> !ignoreInterfaces.contains(names.getOrDefault(r.outputIndex(), "")))
                .map(Route::destinationCidr)
                .filter(dst -> dst.overlaps(cidr))
                .findFirst();
    }

    /** {@inheritDoc} A null {@code ns} means the host namespace. */
    @Override
    public void setSysctl(NetNs ns, String key, String value) {
        Sysctl.write(ns == null ? hostNs : ns, key, value);
    }

    private static NetNs containerNamespace(int pid) {
        try {
            return NetNs.ofPid(pid);
        } catch (NoSuchNamespaceException e) {
            throw new PlumbingException("container " + pid + " died (no process " + pid + ")");
        }
    }

    private static <T> T inside(NetNs ns, Callable<T> work) {
        try {
            return ns.call(work);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new PlumbingException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            startedReaper().ifPresent(LinkReaper::close);
        } finally {
            host.close();
            hostNs.close();
        }
    }
}
