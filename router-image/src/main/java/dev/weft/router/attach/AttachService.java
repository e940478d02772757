package dev.weft.router.attach;

import dev.weft.router.api.ApiException;
import dev.weft.router.api.ClientLink;
import dev.weft.router.bridge.WeaveBridge;
import dev.weft.router.docker.ContainerInfo;
import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.addr.Ipv4;
import dev.weft.weaveutil.plumbing.AttachOptions;
import dev.weft.weaveutil.plumbing.Plumbing;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code weave attach} and {@code detach} done by the router (SPEC §3.3, §3.4): addresses from
 * IPAM, {@code ethwe} plumbed through {@link Plumbing}, names in weaveDNS, and optionally the
 * container's /etc/hosts rewritten.
 */
public final class AttachService {
    private static final Logger LOG = LoggerFactory.getLogger(AttachService.class);

    private final ContainerResolver containers;
    private final Plumbing plumbing;
    private final WeaveBridge bridge;
    private final AddressBook addresses;
    private final NameBook names;
    private final HostsFileWriter hostsFile;
    /** One container's interface is changed by one request at a time; most others can go in parallel. */
    private final Object[] containerLocks = new Object[32];

    /** @param addresses null when IPAM is disabled; @param names null when DNS is disabled */
    public AttachService(ContainerResolver containers, Plumbing plumbing, WeaveBridge bridge, AddressBook addresses,
                         NameBook names, HostsFileWriter hostsFile) {
        this.containers = containers;
        this.plumbing = plumbing;
        this.bridge = bridge;
        this.addresses = addresses;
        this.names = names;
        this.hostsFile = hostsFile;
        for (int i = 0; i < containerLocks.length; i++) {
            containerLocks[i] = new Object();
        }
    }

    private Object lockFor(String containerId) {
        return containerLocks[Math.floorMod(containerId.hashCode(), containerLocks.length)];
    }

    /** An attach for a caller that does not go away (the Docker API proxy's). */
    public List<Cidr> attach(String ref, AttachRequest request) {
        return attach(ref, request, ClientLink.NEVER_GONE);
    }

    /**
     * When {@code caller} goes away before the addresses are all obtained (a {@code weave attach}
     * interrupted while IPAM waits), the attach is cancelled: the waiting allocation ends, the
     * addresses this call allocated are given back and nothing is plumbed.
     *
     * @return the addresses attached by this call, in the order asked for
     */
    public List<Cidr> attach(String ref, AttachRequest request, ClientLink caller) {
        ContainerInfo c = containers.runningWithOwnNetwork(ref);
        AtomicBoolean callerGone = new AtomicBoolean();
        caller.onGone(() -> callerGone.set(true));
        List<Cidr> wanted = obtainAll(ref, c.id(), request, caller, callerGone);
        if (request.rewriteHosts()) {
            rewriteHosts(c, wanted, request.extraHosts());
        }
        AttachOptions options = AttachOptions.defaults()
                .withMulticastRoute(!request.noMulticastRoute())
                .withKeepTxOn(request.keepTxOn());
        try {
            synchronized (lockFor(c.id())) {
                plumbing.attachContainer(Math.toIntExact(c.pid()), bridge.name(), wanted, options);
            }
        } catch (RuntimeException e) {
            if (!containers.isRunning(c.id())) {
                throw new ApiException(500, "Container " + c.id() + " died");
            }
            throw new ApiException(500, "attach " + ref + ": " + e.getMessage());
        }
        String fqdn = c.fqdn();
        if (!request.withoutDns() && names != null && fqdn != null) {
            for (Cidr cidr : wanted) {
                names.add(c.id(), cidr.address(), fqdn);
            }
        }
        return wanted;
    }

    private List<Cidr> obtainAll(String ref, String id, AttachRequest request, ClientLink caller,
                                 AtomicBoolean callerGone) {
        List<AddrSpec> specs = request.addrs().isEmpty() ? List.of(new AddrSpec.DefaultSubnet()) : request.addrs();
        boolean allocates = addresses != null && specs.stream().anyMatch(s -> !(s instanceof AddrSpec.Exact));
        Set<Cidr> ownedBefore = allocates ? Set.copyOf(owned(id, null)) : Set.of();
        Set<Cidr> cidrs = new LinkedHashSet<>();
        List<Cidr> allocatedHere = new ArrayList<>();
        try {
            for (AddrSpec spec : specs) {
                Cidr cidr = obtain(ref, id, spec, caller);
                cidrs.add(cidr);
                if (!(spec instanceof AddrSpec.Exact) && !ownedBefore.contains(cidr)) {
                    allocatedHere.add(cidr);
                }
                if (callerGone.get()) {
                    break;
                }
            }
        } catch (ApiException e) {
            if (!callerGone.get()) {
                throw e;
            }
        }
        if (callerGone.get()) {
            allocatedHere.forEach(cidr -> call(ref, () -> {
                addresses.release(id, cidr.address());
                return null;
            }));
            LOG.info("attach {}: cancelled, its client went away{}", ref,
                    allocatedHere.isEmpty() ? "" : "; addresses given back: " + allocatedHere);
            throw ApiException.badRequest("attach " + ref + " cancelled: the client went away");
        }
        return List.copyOf(cidrs);
    }

    /** @return the addresses detached by this call */
    public List<Cidr> detach(String ref, AttachRequest request) {
        ContainerInfo c = containers.runningWithOwnNetwork(ref);
        Set<Cidr> targets = new LinkedHashSet<>();
        Set<Cidr> fromIpam = new LinkedHashSet<>();
        if (request.addrs().isEmpty()) {
            if (addresses != null) {
                fromIpam.addAll(owned(c.id(), null));
            } else {
                plumbing.containerInterface(Math.toIntExact(c.pid()), AttachOptions.DEFAULT_INTERFACE)
                        .ifPresent(i -> targets.addAll(i.addresses()));
            }
        }
        for (AddrSpec spec : request.addrs()) {
            if (spec instanceof AddrSpec.Exact exact) {
                targets.add(exact.cidr());
            } else if (spec instanceof AddrSpec.InSubnet in) {
                fromIpam.addAll(owned(c.id(), in.subnet()));
            } else {
                fromIpam.addAll(owned(c.id(), requireIpam().defaultSubnet()));
            }
        }
        targets.addAll(fromIpam);
        List<Cidr> detached = List.copyOf(targets);
        try {
            synchronized (lockFor(c.id())) {
                plumbing.detachContainer(Math.toIntExact(c.pid()), detached);
            }
        } catch (RuntimeException e) {
            throw new ApiException(500, "detach " + ref + ": " + e.getMessage());
        }
        String fqdn = c.fqdn();
        if (names != null && fqdn != null) {
            for (Cidr cidr : detached) {
                names.remove(c.id(), cidr.address(), fqdn);
            }
        }
        // addresses the user named stay claimed until the container dies, as with the original
        for (Cidr cidr : fromIpam) {
            call(ref, () -> {
                addresses.release(c.id(), cidr.address());
                return null;
            });
        }
        return detached;
    }

    private Cidr obtain(String ref, String id, AddrSpec spec, ClientLink caller) {
        if (spec instanceof AddrSpec.Exact exact) {
            if (addresses != null) {
                call(ref, () -> {
                    addresses.claim(id, exact.cidr(), true, caller);
                    return null;
                });
            }
            return exact.cidr();
        }
        Cidr subnet = spec instanceof AddrSpec.InSubnet in ? in.subnet() : null;
        return call(ref, () -> requireIpam().allocate(id, subnet, true, caller));
    }

    private List<Cidr> owned(String id, Cidr subnet) {
        return call(id, () -> requireIpam().owned(id, subnet));
    }

    private AddressBook requireIpam() {
        if (addresses == null) {
            throw ApiException.badRequest("IP address allocation must be enabled to use 'net:'");
        }
        return addresses;
    }

    private void rewriteHosts(ContainerInfo c, List<Cidr> cidrs, List<ExtraHost> extraHosts) {
        String fqdn = c.fqdn() != null ? c.fqdn() : c.hostname();
        List<Ipv4> ips = cidrs.stream().map(Cidr::address).toList();
        try {
            hostsFile.write(c, HostsFileContent.render(fqdn, ips, extraHosts));
        } catch (IOException e) {
            throw new ApiException(500, "rewrite /etc/hosts of " + c.name() + ": " + e.getMessage());
        }
    }

    private interface Step<T> {
        T run();
    }

    /** Runs an address book step, turning its refusals into API errors. */
    private static <T> T call(String ref, Step<T> step) {
        try {
            return step.run();
        } catch (AddressBookException e) {
            throw switch (e.reason()) {
                case IN_USE -> new ApiException(409, e.getMessage());
                case INVALID -> ApiException.badRequest(e.getMessage());
                case CANCELLED -> ApiException.badRequest("container " + ref + " is not running");
            };
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }
}
