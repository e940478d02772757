package dev.weft.router.iptables;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableListingTest {
    private final TableListing listing = new TableListing(List.of(
            "-P INPUT ACCEPT",
            "-P FORWARD DROP",
            "-N DOCKER",
            "-N WEAVE-EXPOSE",
            "-A INPUT -d 127.0.0.1/32 -p tcp -m tcp --dport 6784 -m addrtype ! --src-type LOCAL -m conntrack ! --ctstate "
                    + "RELATED,ESTABLISHED -m comment --comment \"Block non-local access to Weave Net control port\" -j DROP",
            "-A FORWARD -o docker0 -j DOCKER",
            "-A FORWARD -i weave ! -o weave -j ACCEPT"));

    @Test
    void chainsAreTheBuiltInAndTheCreatedOnes() {
        assertTrue(listing.hasChain("FORWARD"));
        assertTrue(listing.hasChain("WEAVE-EXPOSE"));
        assertFalse(listing.hasChain("WEAVE"));
        assertFalse(listing.hasChain("OUTPUT"));
    }

    @Test
    void aRuleWhoseInterfacesTargetAndPortAreOnALineOfItsChainMayBeThere() {
        assertTrue(listing.mayHold("INPUT", List.of("-p", "tcp", "--dst", "127.0.0.1", "--dport", "6784", "-j", "DROP")));
        assertTrue(listing.mayHold("FORWARD", List.of("-i", "weave", "!", "-o", "weave", "-j", "ACCEPT")));
        assertTrue(listing.mayHold("FORWARD", List.of("-i", "weave", "-o", "weave", "-j", "ACCEPT")),
                "a listing never proves a rule absent when its words are there: -C decides");
    }

    @Test
    void aRuleMissingAnyOfThemFromEveryLineOfItsChainIsAbsent() {
        assertFalse(listing.mayHold("FORWARD", List.of("-o", "weave", "-j", "WEAVE-EXPOSE")));
        assertFalse(listing.mayHold("INPUT", List.of("-i", "docker0", "-p", "udp", "--dport", "53", "-j", "ACCEPT")));
        assertFalse(listing.mayHold("OUTPUT", List.of("-i", "weave", "!", "-o", "weave", "-j", "ACCEPT")));
        assertFalse(listing.mayHold("INPUT", List.of("-p", "tcp", "--dport", "6783", "-j", "DROP")));
    }
}
