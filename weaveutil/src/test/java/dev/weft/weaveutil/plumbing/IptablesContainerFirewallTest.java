package dev.weft.weaveutil.plumbing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.weaveutil.addr.Cidr;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IptablesContainerFirewallTest {

    @Test
    void withoutAnIptablesBinaryEveryRuleIsSkipped() {
        IptablesContainerFirewall firewall = new IptablesContainerFirewall(Optional.empty());
        assertDoesNotThrow(() -> {
            firewall.ensureMulticastDrop("ethwe");
            firewall.allowMulticastFrom("ethwe", Cidr.parse("10.32.0.0/12"));
            firewall.removeMulticastAllow("ethwe", Cidr.parse("10.32.0.0/12"));
            firewall.removeMulticastDrop("ethwe");
        });
    }

    @Test
    void programsAreFoundOnThePathOrInTheSystemDirectories() {
        assertTrue(IptablesContainerFirewall.findOnPath("sh").isPresent());
        assertTrue(IptablesContainerFirewall.findOnPath("no-such-program-here").isEmpty());
    }
}
