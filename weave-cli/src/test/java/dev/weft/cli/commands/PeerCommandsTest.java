package dev.weft.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.cli.testing.Cli;
import java.util.List;
import org.junit.jupiter.api.Test;

/** connect, forget, rmpeer and prime: plain calls about peers. */
class PeerCommandsTest {
    private final Cli cli = new Cli();

    @Test
    void connectAddsPeers() {
        cli.api.answer("POST /connect", 200, "");
        Cli.Result result = cli.run("connect", "--replace", "198.18.0.12", "host3:6783");
        assertEquals(0, result.status());
        assertEquals(List.of("POST /connect {peer=[198.18.0.12, host3:6783], replace=[true]}"), cli.api.lines());
    }

    @Test
    void connectWithoutPeersIsAUsageError() {
        Cli.Result result = cli.run("connect");
        assertEquals(1, result.status());
        assertEquals("weave: Missing required parameter: 'PEER'. See 'weave connect --help'.\n", result.err());
        assertEquals(List.of(), cli.api.lines());
    }

    @Test
    void connectReplaceWithoutPeersEmptiesTheTargets() {
        cli.api.answer("POST /connect", 200, "");
        assertEquals(0, cli.run("connect", "--replace").status());
        assertEquals(List.of("POST /connect {replace=[true]}"), cli.api.lines());
    }

    @Test
    void connectShowsEveryBadPeer() {
        cli.api.answer("POST /connect", 400, "invalid peer name \"a:b:c\", should be host[:port]\n"
                + "invalid peer name \"x:y:z\", should be host[:port]\n");
        Cli.Result result = cli.run("connect", "a:b:c", "x:y:z");
        assertEquals(1, result.status());
        assertEquals("weave: invalid peer name \"a:b:c\", should be host[:port]; "
                + "invalid peer name \"x:y:z\", should be host[:port]\n", result.err());
    }

    @Test
    void forgetNeedsPeers() {
        Cli.Result result = cli.run("forget");
        assertEquals(1, result.status());
        assertEquals("weave: Missing required parameter: 'PEER'. See 'weave forget --help'.\n", result.err());
    }

    @Test
    void forget() {
        cli.api.answer("POST /forget", 200, "");
        assertEquals(0, cli.run("forget", "host3").status());
        assertEquals(List.of("POST /forget {peer=[host3]}"), cli.api.lines());
    }

    @Test
    void rmpeerPrintsTakeoversAndFailsIfAnyFailed() {
        cli.api.answer("DELETE /peer/host2", 200, "1024 IPs taken over from host2\n")
                .answer("DELETE /peer/host3", 500, "internal error\n");
        Cli.Result result = cli.run("rmpeer", "host2", "host3");
        assertEquals(1, result.status());
        assertEquals("1024 IPs taken over from host2\n", result.out());
        assertEquals("weave: rmpeer host3: internal error\n", result.err());
    }

    @Test
    void primeWaitsForTheRing() {
        cli.api.answer("GET /ring", 200, "");
        assertEquals(0, cli.run("prime").status());
        assertEquals(List.of("GET /ring"), cli.api.lines());
    }

    @Test
    void primeWithoutIpamExits4() {
        assertEquals(4, cli.run("prime").status());
    }
}
