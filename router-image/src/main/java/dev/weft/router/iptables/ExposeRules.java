package dev.weft.router.iptables;

import dev.weft.weaveutil.addr.Cidr;
import java.util.List;

/**
 * Rules that make an address range on the weave bridge reachable from the host and the outside:
 * masquerading in the nat {@code WEAVE} chain (multicast excluded) and an accept in
 * {@code WEAVE-EXPOSE}. Rules name the subnet (host bits cleared), as iptables stores it.
 */
public final class ExposeRules {
    private final Iptables iptables;

    public ExposeRules(Iptables iptables) {
        this.iptables = iptables;
    }

    public void expose(Cidr cidr, boolean skipNat) {
        String net = cidr.network().toString();
        if (!skipNat) {
            iptables.ensureAppended(WeaveRules.NAT, WeaveRules.NAT_CHAIN, multicastReturn(net));
            for (List<String> rule : masquerade(net)) {
                iptables.ensureAppended(WeaveRules.NAT, WeaveRules.NAT_CHAIN, rule);
            }
        }
        iptables.ensureAppended(WeaveRules.FILTER, WeaveRules.EXPOSE_CHAIN, accept(net));
    }

    /** Removes the masquerading and accept rules; the multicast RETURN rule stays, as it harms nothing. */
    public void hide(Cidr cidr) {
        String net = cidr.network().toString();
        for (List<String> rule : masquerade(net)) {
            iptables.deleteIfPresent(WeaveRules.NAT, WeaveRules.NAT_CHAIN, rule);
        }
        iptables.deleteIfPresent(WeaveRules.FILTER, WeaveRules.EXPOSE_CHAIN, accept(net));
    }

    static List<String> multicastReturn(String net) {
        return List.of("-s", net, "-d", "224.0.0.0/4", "-j", "RETURN");
    }

    static List<List<String>> masquerade(String net) {
        return List.of(
                List.of("-d", net, "!", "-s", net, "-j", "MASQUERADE"),
                List.of("-s", net, "!", "-d", net, "-j", "MASQUERADE"));
    }

    static List<String> accept(String net) {
        return List.of("-d", net, "-j", "ACCEPT");
    }
}
