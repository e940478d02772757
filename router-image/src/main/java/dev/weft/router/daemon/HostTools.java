package dev.weft.router.daemon;

import dev.weft.router.api.BackgroundFailures;
import dev.weft.router.bridge.AddressAnnouncer;
import dev.weft.router.bridge.GratuitousArpAnnouncer;
import dev.weft.router.iptables.ExecIptables;
import dev.weft.router.iptables.Iptables;
import dev.weft.weaveutil.ns.NetNs;
import dev.weft.weaveutil.plumbing.NetlinkPlumbing;
import dev.weft.weaveutil.plumbing.Plumbing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The privileged tools the host side works with: netlink plumbing, the host's namespace, iptables,
 * and the announcer of exposed addresses (null: none).
 */
record HostTools(Plumbing plumbing, NetNs hostNs, Iptables iptables, AddressAnnouncer announcer)
        implements AutoCloseable {

    /** The real tools, in this process's network namespace (the router runs with {@code --net=host}). */
    static HostTools onHost() {
        NetNs hostNs = NetNs.current();
        try {
            NetlinkPlumbing plumbing = new NetlinkPlumbing();
            return new HostTools(plumbing, hostNs, ExecIptables.detect(), new GratuitousArpAnnouncer(plumbing, hostNs));
        } catch (RuntimeException e) {
            hostNs.close();
            throw e;
        }
    }

    /** Failed deletions of detached containers' veths are logged and counted as they happen. */
    void reportReaperFailures(BackgroundFailures failures) {
        if (plumbing instanceof NetlinkPlumbing netlink) {
            Logger log = LoggerFactory.getLogger(NetlinkPlumbing.class);
            netlink.onReaperFailure(e -> failures.record(BackgroundFailures.LINK_REAPER, log,
                    "deleting detached containers' veths", e));
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (plumbing instanceof AutoCloseable closeable) {
                closeable.close();
            }
        } finally {
            hostNs.close();
        }
    }
}
