package dev.weft.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.cli.testing.Cli;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExposeTest {
    private final Cli cli = new Cli();

    @Test
    void allocatesInTheDefaultSubnetAndExposes() {
        cli.api.answer("POST /ip/weave:expose", 200, "10.32.0.5/12")
                .answer("POST /expose/10.32.0.5/12", 204, "");
        Cli.Result result = cli.run("expose");
        assertEquals(0, result.status());
        assertEquals("10.32.0.5\n", result.out());
        assertEquals(List.of("POST /ip/weave:expose", "POST /expose/10.32.0.5/12"), cli.api.lines());
    }

    @Test
    void explicitAddressIsClaimedWithNameAndWithoutMasquerade() {
        cli.api.answer("PUT /ip/weave:expose/10.2.1.1/24", 204, "")
                .answer("POST /expose/10.2.1.1/24", 204, "")
                .answer("PUT /name/weave:expose/10.2.1.1", 204, "");
        Cli.Result result = cli.run("expose", "10.2.1.1/24", "-h", "host1.weave.local", "--without-masquerade");
        assertEquals(0, result.status());
        assertEquals("10.2.1.1\n", result.out());
        assertEquals(List.of("PUT /ip/weave:expose/10.2.1.1/24", "POST /expose/10.2.1.1/24 {skipNAT=[true]}",
                "PUT /name/weave:expose/10.2.1.1 {fqdn=[host1.weave.local]}"), cli.api.lines());
    }

    @Test
    void subnetNeedsIpam() {
        Cli.Result result = cli.run("expose", "net:10.2.0.0/16");
        assertEquals(1, result.status());
        assertEquals("weave: IP address allocation must be enabled to use 'net:'\n", result.err());
    }

    @Test
    void explicitAddressWorksWithoutIpam() {
        cli.api.answer("POST /expose/10.2.1.1/24", 204, "");
        Cli.Result result = cli.run("expose", "ip:10.2.1.1/24");
        assertEquals(0, result.status());
        assertEquals("10.2.1.1\n", result.out());
    }

    @Test
    void claimRefused() {
        cli.api.answer("PUT /ip/weave:expose/10.32.0.9/12", 400,
                "Unable to claim: address 10.32.0.9 is already owned by 0123456789ab\n");
        Cli.Result result = cli.run("expose", "10.32.0.9/12");
        assertEquals(1, result.status());
        assertEquals("weave: Unable to claim: address 10.32.0.9 is already owned by 0123456789ab\n", result.err());
    }

    @Test
    void badAddress() {
        Cli.Result result = cli.run("expose", "10.2.1.300/24");
        assertEquals(1, result.status());
        assertEquals("weave: invalid address '10.2.1.300/24' (invalid CIDR address: 10.2.1.300/24): expected "
                + "[ip:]<ip>/<len>, net:<ip>/<len> or net:default\n", result.err());
        assertEquals(List.of(), cli.api.lines());
    }
}
