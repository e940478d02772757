package dev.weft.router.iptables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.weaveutil.addr.Cidr;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExposeRulesTest {
    private final FakeIptables iptables = new FakeIptables();
    private final ExposeRules expose = new ExposeRules(iptables);

    @BeforeEach
    void setUp() {
        new WeaveRules(iptables, RulesConfig.defaults("172.17.0.1")).setUp();
    }

    @Test
    void exposeMasqueradesTheSubnetAndAcceptsIt() {
        expose.expose(Cidr.parse("10.32.0.5/12"), false);
        expose.expose(Cidr.parse("10.32.0.5/12"), false);
        assertEquals(List.of(
                List.of("-s", "10.32.0.0/12", "-d", "224.0.0.0/4", "-j", "RETURN"),
                List.of("-d", "10.32.0.0/12", "!", "-s", "10.32.0.0/12", "-j", "MASQUERADE"),
                List.of("-s", "10.32.0.0/12", "!", "-d", "10.32.0.0/12", "-j", "MASQUERADE")),
                iptables.rules("nat", "WEAVE"));
        assertEquals(List.of(List.of("-d", "10.32.0.0/12", "-j", "ACCEPT")), iptables.rules("filter", "WEAVE-EXPOSE"));
    }

    @Test
    void skipNatAddsOnlyTheAccept() {
        expose.expose(Cidr.parse("10.2.1.1/24"), true);
        assertEquals(List.of(), iptables.rules("nat", "WEAVE"));
        assertEquals(List.of(List.of("-d", "10.2.1.0/24", "-j", "ACCEPT")), iptables.rules("filter", "WEAVE-EXPOSE"));
    }

    @Test
    void hideKeepsOnlyTheMulticastReturn() {
        expose.expose(Cidr.parse("10.2.1.1/24"), false);
        expose.expose(Cidr.parse("10.3.0.1/16"), false);
        expose.hide(Cidr.parse("10.2.1.1/24"));
        expose.hide(Cidr.parse("10.2.1.1/24"));
        assertEquals(List.of(
                List.of("-s", "10.2.1.0/24", "-d", "224.0.0.0/4", "-j", "RETURN"),
                List.of("-s", "10.3.0.0/16", "-d", "224.0.0.0/4", "-j", "RETURN"),
                List.of("-d", "10.3.0.0/16", "!", "-s", "10.3.0.0/16", "-j", "MASQUERADE"),
                List.of("-s", "10.3.0.0/16", "!", "-d", "10.3.0.0/16", "-j", "MASQUERADE")),
                iptables.rules("nat", "WEAVE"));
        assertEquals(List.of(List.of("-d", "10.3.0.0/16", "-j", "ACCEPT")), iptables.rules("filter", "WEAVE-EXPOSE"));
    }
}
