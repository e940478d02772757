package dev.weft.cli.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostNetworkResetTest {

    @Test
    void picksWeaveLinks() {
        String links = "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue\n"
                + "3: docker0: <BROADCAST,MULTICAST,UP> mtu 1500\n"
                + "5: weave: <BROADCAST,MULTICAST,UP> mtu 1376\n"
                + "6: vethwe-pcap@vethwe-bridge: <BROADCAST,UP> mtu 1376\n"
                + "9: vethwepl1234@if8: <BROADCAST,UP> mtu 1376\n"
                + "10: datapath: <BROADCAST> mtu 1376\n";
        assertEquals(List.of("weave", "vethwe-pcap", "vethwepl1234", "datapath"), HostNetworkReset.linksToDelete(links));
    }

    @Test
    void deletesRulesMentioningWeaveAndTheDnsAdmissionsThenItsChains() {
        String listing = "-P INPUT ACCEPT\n-P FORWARD DROP\n-N DOCKER\n-N WEAVE-EXPOSE\n"
                + "-A INPUT -d 127.0.0.1/32 -p tcp -m tcp --dport 6784 -m addrtype ! --src-type LOCAL "
                + "-m comment --comment \"Block non-local access to Weave Net control port\" -j DROP\n"
                + "-A INPUT -i docker0 -p udp -m udp --dport 6783 -j DROP\n"
                + "-A INPUT -i docker0 -p udp -m udp --dport 53 -j ACCEPT\n"
                + "-A INPUT -i docker0 -p tcp -m tcp --dport 53 -j ACCEPT\n"
                + "-A INPUT -i eth0 -p udp -m udp --dport 53 -j ACCEPT\n"
                + "-A FORWARD -i weave -o weave -j ACCEPT\n"
                + "-A FORWARD -o docker0 -j DOCKER\n"
                + "-A FORWARD -o weave -j WEAVE-EXPOSE\n"
                + "-A WEAVE-EXPOSE -d 10.32.0.0/12 -j ACCEPT\n";
        assertEquals(List.of(
                List.of("sh", "-c", "iptables -t filter -D INPUT -d 127.0.0.1/32 -p tcp -m tcp --dport 6784 -m addrtype "
                        + "! --src-type LOCAL -m comment --comment \"Block non-local access to Weave Net control port\" "
                        + "-j DROP"),
                List.of("sh", "-c", "iptables -t filter -D INPUT -i docker0 -p udp -m udp --dport 6783 -j DROP"),
                List.of("sh", "-c", "iptables -t filter -D INPUT -i docker0 -p udp -m udp --dport 53 -j ACCEPT"),
                List.of("sh", "-c", "iptables -t filter -D INPUT -i docker0 -p tcp -m tcp --dport 53 -j ACCEPT"),
                List.of("sh", "-c", "iptables -t filter -D FORWARD -i weave -o weave -j ACCEPT"),
                List.of("sh", "-c", "iptables -t filter -D FORWARD -o weave -j WEAVE-EXPOSE"),
                List.of("iptables", "-t", "filter", "-F", "WEAVE-EXPOSE"),
                List.of("iptables", "-t", "filter", "-X", "WEAVE-EXPOSE")),
                HostNetworkReset.iptablesCleanup("filter", listing, "docker0"));
    }
}
