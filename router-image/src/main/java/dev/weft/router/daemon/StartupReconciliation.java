package dev.weft.router.daemon;

import dev.weft.router.attach.NameBook;
import dev.weft.router.ipam.Ipam;
import dev.weft.router.ipam.Owner;
import dev.weft.weaveutil.addr.Cidr;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's start-up check of its records against what runs: IPAM claims the addresses found
 * and drops owners that definitely no longer run; a container whose addresses could not be read
 * keeps what IPAM recorded for it; running containers with a domain get their names back.
 */
final class StartupReconciliation {

    private static final Logger LOG = LoggerFactory.getLogger(StartupReconciliation.class);

    private final LiveAddresses liveAddresses;
    private final Ipam ipam;
    private final NameBook names;

    /** @param ipam null when IPAM is disabled; @param names null when weaveDNS is disabled */
    StartupReconciliation(LiveAddresses liveAddresses, Ipam ipam, NameBook names) {
        this.liveAddresses = liveAddresses;
        this.ipam = ipam;
        this.names = names;
    }

    void run() {
        LiveAddresses.Snapshot live;
        try {
            live = liveAddresses.scan();
        } catch (RuntimeException e) {
            LOG.warn("cannot list the addresses in use ({}); IPAM keeps its persisted owners unchecked", e.getMessage());
            return;
        }
        if (ipam != null) {
            Map<String, List<Cidr>> owners = withUnreadableKept(live);
            ipam.reconcile(owners);
            LOG.info("IPAM reconciled with {} address owner(s) found on this host", live.owners().size());
        }
        if (names != null) {
            registerNames(live);
        }
    }

    /** The owners found, plus what IPAM records for each running container that could not be read. */
    private Map<String, List<Cidr>> withUnreadableKept(LiveAddresses.Snapshot live) {
        Map<String, List<Cidr>> owners = new LinkedHashMap<>(live.owners());
        if (live.unreadable().isEmpty()) {
            return owners;
        }
        Map<String, Owner> recorded = ipam.owners();
        live.unreadable().forEach((id, reason) -> {
            Owner owner = recorded.get(id);
            List<Cidr> kept = owner == null ? List.of() : owner.cidrs();
            LOG.warn("container {}: cannot tell its weave addresses ({}); keeping the {} address(es) IPAM records for it",
                    shortId(id), reason, kept.size());
            if (!kept.isEmpty()) {
                owners.put(id, kept);
            }
        });
        return owners;
    }

    /** Running containers with a domain get their names back, as when they were attached. */
    private void registerNames(LiveAddresses.Snapshot live) {
        live.fqdns().forEach((id, fqdn) -> {
            for (Cidr cidr : live.owners().get(id)) {
                names.add(id, cidr.address(), fqdn);
            }
        });
    }

    private static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
