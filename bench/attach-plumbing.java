import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.model.Address;
import dev.weft.weaveutil.model.Link;
import dev.weft.weaveutil.model.LinkAttrs;
import dev.weft.weaveutil.model.Route;
import dev.weft.weaveutil.model.Veth;
import dev.weft.weaveutil.netlink.LinkReaper;
import dev.weft.weaveutil.netlink.Netlink;
import dev.weft.weaveutil.ns.NetNs;

/**
 * The in-process half of bench/attach-plumbing: the same steps as the script's `ip` commands, done
 * with weaveutil in one JVM, twice. Arguments: HOST_NETNS PREFIX SYNC_PREFIX FIRST LAST WARMUP_COUNT.
 * Namespaces PREFIX<FIRST..LAST> and SYNC_PREFIX<FIRST..LAST> must exist; the first WARMUP_COUNT of
 * each are used untimed.
 *
 * Pass 1 is what weft's detach does: the veth is retired (down, off the bridge, one request) and a
 * LinkReaper deletes retired veths in batches; the clock stops only when every veth is deleted.
 * Pass 2 deletes each veth synchronously, one RTM_DELLINK per attach, as the script does.
 * Prints weaveutil_ms_per_attach (pass 1, attach plus delete), weaveutil_ms_attach_only (pass 1),
 * weaveutil_ms_sync_per_attach and weaveutil_ms_sync_delete_only (pass 2).
 */
public class AttachPlumbingBench {
    private static final Cidr MULTICAST = Cidr.parse("224.0.0.0/4");

    public static void main(String[] args) throws Exception {
        String hostName = args[0];
        String prefix = args[1];
        String syncPrefix = args[2];
        int first = Integer.parseInt(args[3]);
        int last = Integer.parseInt(args[4]);
        int warmup = Integer.parseInt(args[5]);
        try (NetNs hostNs = NetNs.named(hostName); Netlink host = Netlink.open(hostNs)) {
            int bridge = host.links().get("weave").index();
            int timed = last - first + 1 - warmup;

            long attaching = 0;
            long total;
            try (LinkReaper reaper = LinkReaper.open(hostNs)) {
                for (int i = first; i < first + warmup; i++) {
                    attach(host, bridge, prefix + i, i);
                    reaper.retire(host.links().get("vethwepl" + i).index(), "vethwepl" + i);
                }
                reaper.flush();
                long start = System.nanoTime();
                for (int i = first + warmup; i <= last; i++) {
                    long begin = System.nanoTime();
                    attach(host, bridge, prefix + i, i);
                    attaching += System.nanoTime() - begin;
                    reaper.retire(host.links().get("vethwepl" + i).index(), "vethwepl" + i);
                }
                reaper.flush();
                total = System.nanoTime() - start;
            }

            long syncAttaching = 0;
            long syncDeleting = 0;
            for (int i = first; i <= last; i++) {
                long begin = System.nanoTime();
                attach(host, bridge, syncPrefix + i, i);
                long attached = System.nanoTime();
                host.links().delete("vethwepl" + i);
                long deleted = System.nanoTime();
                if (i - first >= warmup) {
                    syncAttaching += attached - begin;
                    syncDeleting += deleted - attached;
                }
            }
            System.out.printf("weaveutil_ms_per_attach=%.3f%n", total / 1e6 / timed);
            System.out.printf("weaveutil_ms_attach_only=%.3f%n", attaching / 1e6 / timed);
            System.out.printf("weaveutil_ms_sync_per_attach=%.3f%n", (syncAttaching + syncDeleting) / 1e6 / timed);
            System.out.printf("weaveutil_ms_sync_delete_only=%.3f%n", syncDeleting / 1e6 / timed);
        }
    }

    /** veth into the namespace (host end on the bridge, up), address, ethwe up, multicast route. */
    private static void attach(Netlink host, int bridge, String containerNs, int i) {
        String hostEnd = "vethwepl" + i;
        try (NetNs ns = NetNs.named(containerNs); Netlink inside = Netlink.open(ns)) {
            host.links().add(Veth.pair(LinkAttrs.named(hostEnd).withMtu(1376).withMaster(bridge).up(), "ethwe", ns));
            Link ethwe = inside.links().get("ethwe");
            inside.addresses().add(Address.of(ethwe.index(), Cidr.parse("10.32." + (i / 250) + "." + (i % 250 + 1) + "/12")));
            inside.links().setUp("ethwe");
            inside.routes().add(Route.linkScoped(MULTICAST, ethwe.index()));
        }
    }
}
