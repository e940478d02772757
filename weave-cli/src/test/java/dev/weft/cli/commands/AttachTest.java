package dev.weft.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.cli.testing.Cli;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttachTest {
    private final Cli cli = new Cli();

    @Test
    void defaultAddressPrintsWhatTheRouterAttached() {
        cli.api.answer("POST /weft/attach/c1", 200, "10.32.0.1");
        Cli.Result result = cli.run("attach", "c1");
        assertEquals(0, result.status());
        assertEquals("10.32.0.1\n", result.out());
        assertEquals(Map.of(), cli.api.requests().get(0).params());
    }

    @Test
    void addressesAndOptionsArePassedThrough() {
        cli.api.answer("POST /weft/attach/c1", 200, "10.2.1.1 10.32.0.7\n");
        Cli.Result result = cli.run("attach", "ip:10.2.1.1/24", "net:10.32.0.0/12", "--without-dns",
                "--rewrite-hosts", "--add-host", "db:10.2.1.9", "--no-multicast-route", "--keep-tx-on", "c1");
        assertEquals(0, result.status());
        assertEquals("10.2.1.1 10.32.0.7\n", result.out());
        assertEquals(Map.of("addr", List.of("ip:10.2.1.1/24", "net:10.32.0.0/12"), "without-dns", List.of("true"),
                "rewrite-hosts", List.of("true"), "add-host", List.of("db:10.2.1.9"),
                "no-multicast-route", List.of("true"), "keep-tx-on", List.of("true")),
                cli.api.requests().get(0).params());
    }

    @Test
    void badPrefixLengthIsRejectedBeforeAnyCall() {
        Cli.Result result = cli.run("attach", "10.0.0.1/33", "c1");
        assertEquals(1, result.status());
        assertEquals("weave: invalid address '10.0.0.1/33' (invalid CIDR address: 10.0.0.1/33): expected "
                + "[ip:]<ip>/<len>, net:<ip>/<len> or net:default\n", result.err());
        assertEquals(List.of(), cli.api.requests());
    }

    @Test
    void subnetWithHostBitsIsRejected() {
        Cli.Result result = cli.run("attach", "net:10.2.0.1/16", "c1");
        assertEquals(1, result.status());
        assertEquals("weave: invalid address 'net:10.2.0.1/16' (invalid subnet - bits after network prefix are not "
                + "all zero: 10.2.0.1/16): expected [ip:]<ip>/<len>, net:<ip>/<len> or net:default\n", result.err());
    }

    @Test
    void badExtraHost() {
        Cli.Result result = cli.run("attach", "--add-host", "db", "c1");
        assertEquals(1, result.status());
        assertEquals("weave: invalid --add-host 'db': expected <name>:<ip>\n", result.err());
    }

    @Test
    void unknownContainer() {
        cli.api.answer("POST /weft/attach/nope", 404, "container nope not found\n");
        Cli.Result result = cli.run("attach", "nope");
        assertEquals(1, result.status());
        assertEquals("weave: container nope not found\n", result.err());
        assertEquals("", result.out());
    }

    @Test
    void addressInUse() {
        cli.api.answer("POST /weft/attach/c2", 409, "address 10.2.1.1 already in use by 0123456789ab\n");
        Cli.Result result = cli.run("attach", "10.2.1.1/24", "c2");
        assertEquals(1, result.status());
        assertEquals("weave: address 10.2.1.1 already in use by 0123456789ab\n", result.err());
    }

    @Test
    void containerIsRequired() {
        Cli.Result result = cli.run("attach");
        assertEquals(1, result.status());
        assertEquals("weave: Missing required parameter: '[ADDR...] CONTAINER'. See 'weave attach --help'.\n",
                result.err());
    }

    @Test
    void routerDown() {
        cli.api.down();
        Cli.Result result = cli.run("attach", "c1");
        assertEquals(2, result.status());
        assertEquals("weave: weave container is not present. Have you launched it?\n", result.err());
    }
}
