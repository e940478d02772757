package dev.weft.router.iptables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.testsupport.ThrowawayNetns;
import dev.weft.weaveutil.addr.Cidr;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The real iptables program, inside a throwaway network namespace. */
@Tag("privileged")
class ExecIptablesPrivilegedTest {
    private ThrowawayNetns netns;
    private ExecIptables iptables;

    @BeforeEach
    void setUp() throws Exception {
        netns = ThrowawayNetns.create("rhost-ipt");
        iptables = new ExecIptables(netns.exec("iptables"));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (netns != null) {
            netns.close();
        }
    }

    @Test
    void routerRulesAppearInIptablesSaveInOrderAndTearDownRemovesThem() throws Exception {
        WeaveRules rules = new WeaveRules(iptables, RulesConfig.defaults("172.17.0.1"));
        rules.setUp();
        rules.setUp();
        new ExposeRules(iptables).expose(Cidr.parse("10.32.0.1/12"), false);
        assertTrue(rules.canariesPresent());

        String filter = ThrowawayNetns.run(netns.exec("iptables", "-S", "FORWARD").toArray(String[]::new));
        assertEquals(List.of(
                "-P FORWARD ACCEPT",
                "-A FORWARD -i docker0 -o weave -j DROP",
                "-A FORWARD -i weave -o weave -j ACCEPT",
                "-A FORWARD -o weave -j WEAVE-EXPOSE",
                "-A FORWARD -i weave ! -o weave -j ACCEPT",
                "-A FORWARD -o weave -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT"),
                filter.lines().toList());
        String nat = ThrowawayNetns.run(netns.exec("iptables", "-t", "nat", "-S", "WEAVE").toArray(String[]::new));
        assertTrue(nat.contains("-A WEAVE -s 10.32.0.0/12 ! -d 10.32.0.0/12 -j MASQUERADE"), nat);

        String input = ThrowawayNetns.run(netns.exec("iptables", "-S", "INPUT").toArray(String[]::new));
        assertEquals(1 + rules.inputRules().size(), input.lines().count(), "set up twice, each rule once: " + input);
        assertTrue(input.contains("--comment \"Block non-local access to Weave Net control port\""), input);

        iptables.delete("filter", "FORWARD", rules.forwardBlock().get(1));
        assertTrue(rules.ensureForwardBlock());
        assertFalse(rules.ensureForwardBlock());
    }

    @Test
    void aTransactionWithAFailingCommandChangesNothing() {
        iptables.apply("filter", List.of(List.of("-N", "WEFT-T"), List.of("-A", "WEFT-T", "-m", "comment", "--comment",
                "two words", "-j", "ACCEPT")));
        assertTrue(iptables.list("filter").hasChain("WEFT-T"));
        assertTrue(iptables.exists("filter", "WEFT-T", List.of("-m", "comment", "--comment", "two words", "-j", "ACCEPT")));

        IptablesException e = assertThrows(IptablesException.class, () -> iptables.apply("filter",
                List.of(List.of("-N", "WEFT-U"), List.of("-A", "NO-SUCH-CHAIN", "-j", "ACCEPT"))));
        assertTrue(e.getMessage().contains("iptables-restore"), e.getMessage());
        assertFalse(iptables.list("filter").hasChain("WEFT-U"));
    }

    @Test
    void failuresNameTheCommand() {
        IptablesException e = assertThrows(IptablesException.class,
                () -> iptables.append("filter", "NO-SUCH-CHAIN", List.of("-j", "ACCEPT")));
        assertTrue(e.getMessage().contains("-A NO-SUCH-CHAIN -j ACCEPT"), e.getMessage());
    }
}
