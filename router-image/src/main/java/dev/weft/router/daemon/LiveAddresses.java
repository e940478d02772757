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
 * those on the weave interface of each running container (by full id), for IPAM to reconcile with.
 */
final class LiveAddresses {

    private final Containers containers;
    private final Plumbing plumbing;
    private final String bridge;

    LiveAddresses(Containers containers, Plumbing plumbing, String bridge) {
        this.containers = containers;
        this.plumbing = plumbing;
        this.bridge = bridge;
    }

    /** @throws RuntimeException when Docker cannot be asked (then nothing should be reconciled) */
    Map<String, List<Cidr>> scan() {
        Map<String, List<Cidr>> live = new LinkedHashMap<>();
        List<Cidr> exposed = plumbing.bridgeAddresses(bridge);
        if (!exposed.isEmpty()) {
            live.put(Owner.EXPOSE, exposed);
        }
        for (String id : containers.runningIds()) {
            addresses(id).ifPresent(cidrs -> live.put(id, cidrs));
        }
        return live;
    }

    private Optional<List<Cidr>> addresses(String id) {
        Optional<ContainerInfo> info = containers.inspect(id);
        if (info.isEmpty() || !info.get().running() || info.get().pid() <= 0 || info.get().usesHostNetwork()) {
            return Optional.empty();
        }
        try {
            return plumbing.containerInterface(Math.toIntExact(info.get().pid()), AttachOptions.DEFAULT_INTERFACE)
                    .map(InterfaceInfo::addresses)
                    .filter(cidrs -> !cidrs.isEmpty());
        } catch (RuntimeException e) {
            return Optional.empty(); // the container went away while we looked
        }
    }
}
