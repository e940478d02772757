package dev.weft.weaveutil.plumbing;

import dev.weft.weaveutil.sysctl.Sysctl;
import java.nio.file.Files;
import java.nio.file.Path;

/** Per-interface kernel settings of weave's bridge and veths, written in the calling thread's namespace. */
final class InterfaceSysctls {
    private InterfaceSysctls() {
    }

    /** Router advertisements off, as on the original's bridge and veths; a kernel without IPv6 has nothing to do. */
    static void disableRouterAdvertisements(String ifName) {
        String key = "net/ipv6/conf/" + ifName + "/accept_ra";
        if (Files.exists(Path.of("/proc/sys", key))) {
            Sysctl.write(key, "0");
        }
    }

    /** Short ARP cache timers so a moved address is relearnt quickly (SPEC §3.1). */
    static void configureNeighbourCache(String ifName) {
        Sysctl.write("net/ipv4/neigh/" + ifName + "/base_reachable_time", "5");
        Sysctl.write("net/ipv4/neigh/" + ifName + "/delay_first_probe_time", "2");
        Sysctl.write("net/ipv4/neigh/" + ifName + "/ucast_solicit", "1");
    }

    /** Removing one address must not take the other addresses of its subnet with it. */
    static void keepSecondaryAddresses(String ifName) {
        Sysctl.write("net/ipv4/conf/" + ifName + "/promote_secondaries", "1");
    }
}
