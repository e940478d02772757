import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.model.Address;
import dev.weft.weaveutil.model.Link;
import dev.weft.weaveutil.model.LinkAttrs;
import dev.weft.weaveutil.model.Route;
import dev.weft.weaveutil.model.Veth;
import dev.weft.weaveutil.netlink.Netlink;
import dev.weft.weaveutil.ns.NetNs;

/**
 * The in-process half of bench/attach-plumbing: the same steps as the script's `ip` commands, done
 * with weaveutil in one JVM. Arguments: HOST_NETNS CONTAINER_NETNS_PREFIX FIRST LAST WARMUP_COUNT.
 * Namespaces PREFIX<FIRST>..PREFIX<LAST> must exist; the first WARMUP_COUNT of them are used untimed.
 * Prints "weaveutil_ms_per_attach=<ms>" (attach plus delete) and the two parts separately.
 */
public class AttachPlumbingBench {
    private static final Cidr MULTICAST = Cidr.parse("224.0.0.0/4");

    public static void main(String[] args) throws Exception {
        String hostName = args[0];
        String prefix = args[1];
        int first = Integer.parseInt(args[2]);
        int last = Integer.parseInt(args[3]);
        int warmup = Integer.parseInt(args[4]);
        try (NetNs hostNs = NetNs.named(hostName); Netlink host = Netlink.open(hostNs)) {
            int bridge = host.links().get("weave").index();
            long attaching = 0;
            long deleting = 0;
            int count = 0;
            for (int i = first; i <= last; i++) {
                long start = System.nanoTime();
                attach(host, bridge, prefix + i, i);
                long attached = System.nanoTime();
                host.links().delete("vethwepl" + i);
                long deleted = System.nanoTime();
                if (i - first >= warmup) {
                    attaching += attached - start;
                    deleting += deleted - attached;
                    count++;
                }
            }
            System.out.printf("weaveutil_ms_per_attach=%.3f%n", (attaching + deleting) / 1e6 / count);
            System.out.printf("weaveutil_ms_attach_only=%.3f%n", attaching / 1e6 / count);
            System.out.printf("weaveutil_ms_delete_only=%.3f%n", deleting / 1e6 / count);
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
