package dev.weft.router.attach;

import dev.weft.router.api.ApiException;
import dev.weft.router.bridge.AddressAnnouncer;
import dev.weft.router.bridge.WeaveBridge;
import dev.weft.router.iptables.ExposeRules;
import dev.weft.weaveutil.addr.Cidr;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code weave expose} / {@code hide} on the router: addresses on the weave bridge plus their
 * NAT and accept rules, and re-applying those rules after a restart or a firewall reload.
 */
public final class ExposeService {
    public static final String OWNER = "weave:expose";
    private static final Logger LOG = LoggerFactory.getLogger(ExposeService.class);

    private final WeaveBridge bridge;
    private final ExposeRules rules;
    private final NameBook names;
    private final AddressAnnouncer announcer;
    private final Map<Cidr, Boolean> skipNatOf = new HashMap<>();

    /** @param names null when DNS is disabled; @param announcer null to send no gratuitous ARP */
    public ExposeService(WeaveBridge bridge, ExposeRules rules, NameBook names, AddressAnnouncer announcer) {
        this.bridge = bridge;
        this.rules = rules;
        this.names = names;
        this.announcer = announcer;
    }

    public synchronized void expose(Cidr cidr, boolean skipNat) {
        try {
            bridge.addAddress(cidr);
            rules.expose(cidr, skipNat);
        } catch (RuntimeException e) {
            throw new ApiException(500, "unable to expose: " + e.getMessage());
        }
        skipNatOf.put(cidr, skipNat);
        if (announcer != null) {
            try {
                announcer.announce(bridge.name(), cidr);
            } catch (RuntimeException e) {
                LOG.warn("exposed {} but could not announce it: {}", cidr, e.getMessage());
            }
        }
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
