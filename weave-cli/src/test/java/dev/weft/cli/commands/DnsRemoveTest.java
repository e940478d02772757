package dev.weft.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.cli.testing.Cli;
import java.util.List;
import org.junit.jupiter.api.Test;

class DnsRemoveTest {
    private final Cli cli = new Cli();

    @Test
    void allNamesOfTheContainersAddresses() {
        cli.api.answer("GET /weft/container/c1", 200, DnsAddTest.C1)
                .answer("GET /weft/ps", 200, "0123456789ab 02:42:0a:20:00:02 10.32.0.2/12\n")
                .answer("DELETE /name/0123456789abcdef/10.32.0.2", 204, "");
        Cli.Result result = cli.run("dns-remove", "c1");
        assertEquals(0, result.status());
        assertEquals("DELETE /name/0123456789abcdef/10.32.0.2", cli.api.lines().get(2));
    }

    @Test
    void oneNameOfAnExternalAddress() {
        cli.api.answer("DELETE /name/weave:extern/192.0.2.7", 204, "");
        Cli.Result result = cli.run("dns-remove", "192.0.2.7", "-h", "ext.weave.local");
        assertEquals(0, result.status());
        assertEquals(List.of("DELETE /name/weave:extern/192.0.2.7 {fqdn=[ext.weave.local]}"), cli.api.lines());
    }

    @Test
    void nothingToRemoveFrom() {
        Cli.Result result = cli.run("dns-remove", "-h", "x.weave.local");
        assertEquals(1, result.status());
        assertEquals("weave: Missing required parameter: '[IP...] [CONTAINER]'. See 'weave dns-remove --help'.\n",
                result.err());
    }
}
