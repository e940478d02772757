package dev.weft.weaveutil.plumbing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.weaveutil.addr.Cidr;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IptablesContainerFirewallTest {
    private static final Cidr SUBNET = Cidr.parse("10.32.0.0/12");

    @Test
    void withoutTheIptablesBinariesEveryRuleIsSkipped() {
        IptablesContainerFirewall firewall = new IptablesContainerFirewall(Optional.empty(), Optional.empty());
        assertDoesNotThrow(() -> {
            firewall.ensureMulticastFilter("ethwe", List.of(SUBNET));
            firewall.removeMulticastAllows("ethwe", List.of(SUBNET));
            firewall.removeMulticastFilter("ethwe");
        });
    }

    @Test
    void programsAreFoundOnThePathOrInTheSystemDirectories() {
        assertTrue(IptablesContainerFirewall.findOnPath("sh").isPresent());
        assertTrue(IptablesContainerFirewall.findOnPath("no-such-program-here").isEmpty());
    }

    @Test
    void aListedRuleEqualsOursWhateverTheOrderOfItsOptions() {
        assertEquals(Optional.of(FilterRule.allow("ethwe", Cidr.parse("10.32.0.7/12"))),
                FilterRule.parse("INPUT", "-A INPUT -s 10.32.0.0/12 -d 224.0.0.0/4 -i ethwe -j ACCEPT"));
        assertEquals(Optional.of(FilterRule.drop("ethwe")),
                FilterRule.parse("INPUT", "-A INPUT -d 224.0.0.0/4 -i ethwe -j DROP"));
        assertEquals("-i ethwe -s 10.32.0.0/12 -d 224.0.0.0/4 -j ACCEPT", FilterRule.allow("ethwe", SUBNET).spec());
    }

    @Test
    void linesThatAreNotPlainRulesOfTheChainAreLeftAlone() {
        assertTrue(FilterRule.parse("INPUT", "-P INPUT ACCEPT").isEmpty());
        assertTrue(FilterRule.parse("INPUT", "-A FORWARD -i ethwe -j DROP").isEmpty());
        assertTrue(FilterRule.parse("INPUT", "-A INPUT -m comment --comment \"two words\" -j DROP").isEmpty());
        assertTrue(FilterRule.parse("INPUT", "-A INPUT ! -i ethwe -j DROP").isEmpty());
    }

    @Test
    void theFilterOfAnInterfaceIsItsAcceptRulesAndItsDropRule() {
        assertTrue(FilterRule.allow("ethwe", SUBNET).isMulticastFilterOf("ethwe"));
        assertTrue(FilterRule.drop("ethwe").isMulticastFilterOf("ethwe"));
        assertFalse(FilterRule.drop("ethwe").isMulticastFilterOf("eth0"));
        assertFalse(FilterRule.parse("INPUT", "-A INPUT -i ethwe -d 224.0.0.0/4 -p udp -j DROP").orElseThrow()
                .isMulticastFilterOf("ethwe"));
        assertFalse(FilterRule.parse("INPUT", "-A INPUT -i ethwe -d 224.0.0.0/4 -j ACCEPT").orElseThrow()
                .isMulticastFilterOf("ethwe"), "an ACCEPT without a source is not ours");
    }

    @Test
    void aNewInterfaceGetsEveryAcceptRuleFirstAndTheDropRuleLast() {
        Cidr other = Cidr.parseSubnet("10.40.1.0/24");
        assertEquals(List.of("-I INPUT 1 " + FilterRule.allow("ethwe", SUBNET).spec(),
                        "-I INPUT 1 " + FilterRule.allow("ethwe", other).spec(),
                        "-A INPUT " + FilterRule.drop("ethwe").spec()),
                IptablesContainerFirewall.filterChanges("ethwe", List.of(SUBNET, other), Set.of()));
    }

    @Test
    void rulesAlreadyInTheChainAreNotAddedAgain() {
        Cidr other = Cidr.parseSubnet("10.40.1.0/24");
        Set<FilterRule> present = Set.of(FilterRule.allow("ethwe", SUBNET), FilterRule.drop("ethwe"));
        assertEquals(List.of("-I INPUT 1 " + FilterRule.allow("ethwe", other).spec()),
                IptablesContainerFirewall.filterChanges("ethwe", List.of(SUBNET, other), present));
        assertEquals(List.of(), IptablesContainerFirewall.filterChanges("ethwe", List.of(SUBNET), present));
    }
}
