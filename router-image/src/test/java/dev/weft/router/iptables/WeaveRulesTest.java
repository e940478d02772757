package dev.weft.router.iptables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeaveRulesTest {
    private final FakeIptables iptables = new FakeIptables();
    private final WeaveRules rules = new WeaveRules(iptables, RulesConfig.defaults("172.17.0.1"));

    @Test
    void forwardBlockSitsAtTheTopInOrder() {
        iptables.newChain("filter", "DOCKER-USER");
        iptables.append("filter", "FORWARD", List.of("-j", "DOCKER-USER"));
        rules.setUp();
        List<List<String>> forward = iptables.rules("filter", "FORWARD");
        assertEquals(List.of(
                List.of("-i", "docker0", "-o", "weave", "-j", "DROP"),
                List.of("-i", "weave", "-o", "weave", "-j", "ACCEPT"),
                List.of("-o", "weave", "-j", "WEAVE-EXPOSE"),
                List.of("-i", "weave", "!", "-o", "weave", "-j", "ACCEPT"),
                List.of("-o", "weave", "-m", "conntrack", "--ctstate", "RELATED,ESTABLISHED", "-j", "ACCEPT"),
                List.of("-j", "DOCKER-USER")), forward);
    }

    @Test
    void setUpTwiceChangesNothingTheSecondTime() {
        rules.setUp();
        List<List<String>> input = iptables.rules("filter", "INPUT");
        int changes = iptables.changes();
        rules.setUp();
        assertEquals(input, iptables.rules("filter", "INPUT"));
        assertEquals(List.of(List.of("-j", "WEAVE")), iptables.rules("nat", "POSTROUTING"));
        // the two chain flushes are the only changes
        assertEquals(changes + 2, iptables.changes());
    }

    @Test
    void inputGuardsTheRouterPortsAndAdmitsDns() {
        rules.setUp();
        List<List<String>> input = iptables.rules("filter", "INPUT");
        assertEquals(6, input.size());
        assertEquals(List.of("-i", "docker0", "-p", "tcp", "--dst", "172.17.0.1", "--dport", "6783", "-j", "DROP"), input.get(0));
        assertEquals(List.of("-i", "docker0", "-p", "udp", "--dst", "172.17.0.1", "--dport", "6784", "-j", "DROP"), input.get(2));
        assertTrue(input.contains(List.of("-i", "docker0", "-p", "udp", "--dport", "53", "-j", "ACCEPT")));
        assertTrue(String.join(" ", input.get(5)).contains("--dport 6784 -m addrtype ! --src-type LOCAL"));
    }

    @Test
    void withoutDockerBridgeAddressTheGuardsAreLeftOut() {
        WeaveRules noDocker = new WeaveRules(iptables, new RulesConfig("weave", "docker0", null, 6783, 0));
        noDocker.setUp();
        assertEquals(2, iptables.rules("filter", "INPUT").size());
    }

    @Test
    void aMissingForwardRuleMakesTheWholeBlockReinsertedAtTheTop() {
        rules.setUp();
        List<List<String>> block = rules.forwardBlock();
        iptables.delete("filter", "FORWARD", block.get(2));
        iptables.newChain("filter", "KUBE-FORWARD");
        iptables.insert("filter", "FORWARD", 1, List.of("-j", "KUBE-FORWARD"));

        assertTrue(rules.ensureForwardBlock());

        List<List<String>> expected = new ArrayList<>(block);
        expected.add(List.of("-j", "KUBE-FORWARD"));
        assertEquals(expected, iptables.rules("filter", "FORWARD"));
        assertFalse(rules.ensureForwardBlock());
    }

    @Test
    void setUpEmptiesTheExposeAndNatChains() {
        rules.setUp();
        new ExposeRules(iptables).expose(dev.weft.weaveutil.addr.Cidr.parse("10.32.0.1/12"), false);
        rules.setUp();
        assertEquals(List.of(), iptables.rules("filter", "WEAVE-EXPOSE"));
        assertEquals(List.of(), iptables.rules("nat", "WEAVE"));
    }

    @Test
    void onAFreshHostEachTableIsListedAndChangedOnce() {
        FakeIptables fresh = new FakeIptables();
        new WeaveRules(fresh, RulesConfig.defaults("172.17.0.1")).setUp();
        assertEquals(6, fresh.runs());
        assertTrue(fresh.chainExists("mangle", "WEAVE-CANARY"));

        int before = fresh.runs();
        WeaveRules again = new WeaveRules(fresh, RulesConfig.defaults("172.17.0.1"));
        again.setUp();
        int checks = again.forwardBlock().size() + again.inputRules().size() + 1;
        assertEquals(3 + checks + 2, fresh.runs() - before, "lists, a -C per rule present, two flushes");
    }
}
