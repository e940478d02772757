package dev.weft.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.cli.testing.Cli;
import java.util.List;
import org.junit.jupiter.api.Test;

class DnsAddTest {
    static final String C1 = "{\"Id\":\"0123456789abcdef\",\"Name\":\"/c1\",\"Pid\":42,\"Running\":true,"
            + "\"Hostname\":\"c1\",\"Domainname\":\"weave.local\",\"Fqdn\":\"c1.weave.local\"}";
    private final Cli cli = new Cli();

    @Test
    void containerNameAndWeaveAddressesByDefault() {
        cli.api.answer("GET /weft/container/c1", 200, C1)
                .answer("GET /weft/ps", 200, "0123456789ab 02:42:0a:20:00:02 10.32.0.2/12 10.2.1.1/24\n")
                .answer("PUT /name/0123456789abcdef/10.32.0.2", 204, "")
                .answer("PUT /name/0123456789abcdef/10.2.1.1", 204, "");
        Cli.Result result = cli.run("dns-add", "c1");
        assertEquals(0, result.status());
        assertEquals("", result.out() + result.err());
        assertEquals(List.of("GET /weft/container/c1", "GET /weft/ps {container=[0123456789abcdef]}",
                "PUT /name/0123456789abcdef/10.32.0.2 {fqdn=[c1.weave.local], check-alive=[true]}",
                "PUT /name/0123456789abcdef/10.2.1.1 {fqdn=[c1.weave.local], check-alive=[true]}"), cli.api.lines());
    }

    @Test
    void givenAddressAndName() {
        cli.api.answer("GET /weft/container/c1", 200, C1)
                .answer("PUT /name/0123456789abcdef/10.32.0.9", 204, "");
        Cli.Result result = cli.run("dns-add", "10.32.0.9", "c1", "-h", "db.weave.local");
        assertEquals(0, result.status());
        assertEquals("PUT /name/0123456789abcdef/10.32.0.9 {fqdn=[db.weave.local], check-alive=[true]}",
                cli.api.lines().get(1));
    }

    @Test
    void externalAddressesBelongToWeaveExtern() {
        cli.api.answer("PUT /name/weave:extern/192.0.2.7", 204, "");
        Cli.Result result = cli.run("dns-add", "192.0.2.7", "-h", "ext.weave.local");
        assertEquals(0, result.status());
        assertEquals(List.of("PUT /name/weave:extern/192.0.2.7 {fqdn=[ext.weave.local]}"), cli.api.lines());
    }

    @Test
    void addressesWithoutContainerNeedAName() {
        Cli.Result result = cli.run("dns-add", "192.0.2.7");
        assertEquals(1, result.status());
        assertEquals("weave: give a container, or IP addresses and -h <fqdn>\n", result.err());
    }

    @Test
    void containerWithDottedHostnameUsesTheNameTheRouterRegisters() {
        cli.api.answer("GET /weft/container/carol", 200, "{\"Id\":\"abc123\",\"Name\":\"/carol\",\"Pid\":9,"
                        + "\"Running\":true,\"Hostname\":\"carol.weave.local\",\"Domainname\":\"\","
                        + "\"Fqdn\":\"carol.weave.local\"}")
                .answer("PUT /name/abc123/10.40.9.9", 204, "");
        Cli.Result result = cli.run("dns-add", "10.40.9.9", "carol");
        assertEquals("", result.err());
        assertEquals(0, result.status());
        assertEquals(List.of("GET /weft/container/carol",
                "PUT /name/abc123/10.40.9.9 {fqdn=[carol.weave.local], check-alive=[true]}"), cli.api.lines());
    }

    @Test
    void containerWithoutDomainNeedsAName() {
        cli.api.answer("GET /weft/container/c2", 200,
                "{\"Id\":\"fedcba\",\"Name\":\"/c2\",\"Pid\":7,\"Running\":true,\"Hostname\":\"c2\",\"Domainname\":\"\"}");
        Cli.Result result = cli.run("dns-add", "10.32.0.3", "c2");
        assertEquals(1, result.status());
        assertEquals("weave: container c2 has no domain name; give one with -h <fqdn>\n", result.err());
    }

    @Test
    void unknownContainer() {
        cli.api.answer("GET /weft/container/nope", 404, "container nope not found");
        Cli.Result result = cli.run("dns-add", "nope");
        assertEquals(1, result.status());
        assertEquals("weave: container nope not found\n", result.err());
    }

    @Test
    void stoppedContainer() {
        cli.api.answer("GET /weft/container/c1", 200, C1.replace("\"Running\":true", "\"Running\":false"));
        Cli.Result result = cli.run("dns-add", "c1");
        assertEquals(2, result.status());
        assertEquals("weave: container c1 is not running\n", result.err());
    }

    @Test
    void tooManyWords() {
        Cli.Result result = cli.run("dns-add", "10.32.0.3", "c1", "c2");
        assertEquals(1, result.status());
        assertEquals("weave: invalid arguments 'c1 c2': expected [<ip>...] [<container>] [-h <fqdn>]\n", result.err());
    }
}
