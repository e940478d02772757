package dev.weft.router.daemon;

import dev.weft.router.docker.ContainerInfo;
import dev.weft.router.docker.Containers;
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
 */
final class LiveAddresses {

    /** Owner id to addresses; container id to its {@code hostname.domainname} when it has one. */
    record Snapshot(Map<String, List<Cidr>> owners, Map<String, String> fqdns) {}

    private final Containers containers;
    private final Plumbing plumbing;
    private final String bridge;

    LiveAddresses(Containers containers, Plumbing plumbing, String bridge) {
        this.containers = containers;
        this.plumbing = plumbing;
        this.bridge = bridge;
    }

    /** @throws RuntimeException when Docker cannot be asked (then nothing should be reconciled) */
    Snapshot scan() {
        Map<String, List<Cidr>> live = new LinkedHashMap<>();
        Map<String, String> fqdns = new LinkedHashMap<>();
        List<Cidr> exposed = plumbing.bridgeAddresses(bridge);
        if (!exposed.isEmpty()) {
            live.put(Owner.EXPOSE, exposed);
        }
        for (String id : containers.runningIds()) {
            Optional<ContainerInfo> info = containers.inspect(id);
            if (info.isEmpty()) {
                continue;
            }
            addresses(info.get()).ifPresent(cidrs -> {
                live.put(id, cidrs);
                if (info.get().fqdn() != null) {
                    fqdns.put(id, info.get().fqdn());
                }
            });
        }
        return new Snapshot(live, fqdns);
    }

    private Optional<List<Cidr>> addresses(ContainerInfo info) {
        if (!info.running() || info.pid() <= 0 || info.usesHostNetwork()) {
            return Optional.empty();
        }
        try {
            return plumbing.containerInterface(Math.toIntExact(info.pid()), AttachOptions.DEFAULT_INTERFACE)
                    .map(InterfaceInfo::addresses)
                    .filter(cidrs -> !cidrs.isEmpty());
        } catch (RuntimeException e) {
            return Optional.empty(); // the container went away while we looked
        }
    }
}
