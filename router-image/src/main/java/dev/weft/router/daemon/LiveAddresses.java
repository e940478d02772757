package dev.weft.router.daemon;

import dev.weft.router.docker.ContainerInfo;
import dev.weft.router.docker.Containers;
import dev.weft.router.docker.DockerUnavailableException;
import dev.weft.router.ipam.Owner;
import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.plumbing.AttachOptions;
import dev.weft.weaveutil.plumbing.InterfaceInfo;
import dev.weft.weaveutil.plumbing.Plumbing;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Weave addresses in use on this host right now: those on the bridge ({@code weave:expose}) and
 * those on the weave interface of each running container (by full id), for IPAM to reconcile with;
 * and the DNS names of those containers that have a domain, for weaveDNS.
 *
 * <p>A container counts as having no addresses only on a definite answer: Docker says it does not
 * run or does not exist, its network namespace is gone, or it has no weave interface. When asking
 * fails (a Docker time-out, a netlink error), the container is listed as {@link Snapshot#unreadable()}
 * instead, so that nothing it may hold is freed.
 */
final class LiveAddresses {

    /**
     * Owner id to addresses; container id to its {@code hostname.domainname} when it has one; running
     * containers whose addresses could not be read, with the reason.
     */
    record Snapshot(Map<String, List<Cidr>> owners, Map<String, String> fqdns, Map<String, String> unreadable) {}

    private final Containers containers;
    private final Plumbing plumbing;
    private final String bridge;

    LiveAddresses(Containers containers, Plumbing plumbing, String bridge) {
        this.containers = containers;
        this.plumbing = plumbing;
        this.bridge = bridge;
    }

    /** @throws RuntimeException when the bridge or the list of containers cannot be read (then nothing should be reconciled) */
    Snapshot scan() {
        Map<String, List<Cidr>> live = new LinkedHashMap<>();
        Map<String, String> fqdns = new LinkedHashMap<>();
        Map<String, String> unreadable = new LinkedHashMap<>();
        List<Cidr> exposed = plumbing.bridgeAddresses(bridge);
        if (!exposed.isEmpty()) {
            live.put(Owner.EXPOSE, exposed);
        }
        for (String id : containers.runningIds()) {
            Optional<ContainerInfo> info;
            Optional<List<Cidr>> cidrs;
            try {
                info = containers.inspect(id);
                cidrs = info.isEmpty() ? Optional.empty() : addresses(info.get());
            } catch (DockerUnavailableException e) {
                unreadable.put(id, e.getMessage());
                continue;
            } catch (RuntimeException e) {
                unreadable.put(id, "reading its weave interface: " + e.getMessage());
                continue;
            }
            cidrs.ifPresent(found -> {
                live.put(id, found);
                if (info.get().fqdn() != null) {
                    fqdns.put(id, info.get().fqdn());
                }
            });
        }
        return new Snapshot(live, fqdns, unreadable);
    }

    /** Empty when the container definitely has no weave address; throws when that cannot be told. */
    private Optional<List<Cidr>> addresses(ContainerInfo info) {
        if (!info.running() || info.pid() <= 0 || info.usesHostNetwork()) {
            return Optional.empty();
        }
        return plumbing.containerInterface(Math.toIntExact(info.pid()), AttachOptions.DEFAULT_INTERFACE)
                .map(InterfaceInfo::addresses)
                .filter(cidrs -> !cidrs.isEmpty());
    }
}
