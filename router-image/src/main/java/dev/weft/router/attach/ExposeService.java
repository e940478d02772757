package dev.weft.router.attach;

import dev.weft.router.api.ApiException;
import dev.weft.router.bridge.WeaveBridge;
import dev.weft.router.iptables.ExposeRules;
import dev.weft.weaveutil.addr.Cidr;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code weave expose} / {@code hide} on the router: addresses on the weave bridge plus their
 * NAT and accept rules, and re-applying those rules after a restart or a firewall reload.
 */
public final class ExposeService {
    public static final String OWNER = "weave:expose";

    private final WeaveBridge bridge;
    private final ExposeRules rules;
    private final NameBook names;
    private final Map<Cidr, Boolean> skipNatOf = new HashMap<>();

    /** @param names null when DNS is disabled */
    public ExposeService(WeaveBridge bridge, ExposeRules rules, NameBook names) {
        this.bridge = bridge;
        this.rules = rules;
        this.names = names;
    }

    public synchronized void expose(Cidr cidr, boolean skipNat) {
        try {
            bridge.addAddress(cidr);
            rules.expose(cidr, skipNat);
        } catch (RuntimeException e) {
            throw new ApiException(500, "unable to expose: " + e.getMessage());
        }
        skipNatOf.put(cidr, skipNat);
    }

    public synchronized void hide(Cidr cidr) {
        if (!bridge.addresses().contains(cidr)) {
            throw ApiException.notFound(cidr + " is not exposed");
        }
        bridge.removeAddress(cidr);
        rules.hide(cidr);
        skipNatOf.remove(cidr);
        if (names != null) {
            names.remove(OWNER, cidr.address(), null);
        }
    }

    /** Applies the rules again for every address on the bridge (they start empty, or were flushed). */
    public synchronized List<Cidr> reexpose() {
        List<Cidr> addresses = bridge.addresses();
        for (Cidr cidr : addresses) {
            rules.expose(cidr, skipNatOf.getOrDefault(cidr, false));
        }
        return addresses;
    }
}
