package dev.weft.router.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Type;

class StandaloneDnsTest {
    @TempDir
    Path dir;

    @Test
    void servesTheNamesOfItsFile() throws IOException {
        Path names = dir.resolve("names");
        Files.writeString(names, "# bench names\nweb.weave.local. 10.40.0.1 c1\nweb.weave.local. 10.40.0.2\n");
        try (WeaveDns dns = StandaloneDns.fromArguments(
                new String[] {"--listen", "127.0.0.1:0", "--names", names.toString()})) {
            dns.start();
            List<String> got = DnsTestClient.addresses(new DnsTestClient(dns.address())
                    .udp(DnsTestClient.query("web.weave.local.", Type.A)));
            assertEquals(2, got.size());
        }
    }

    @Test
    void badInputGivesOneLineErrors() throws IOException {
        Path names = dir.resolve("names");
        Files.writeString(names, "web.example.com. 10.40.0.1\n");
        assertEquals("missing value for --names", message("--listen", "127.0.0.1:0", "--names"));
        assertEquals("unknown option --bogus", message("--bogus", "x"));
        assertEquals("--listen <ip:port> and --names <file> are required", message("--listen", "127.0.0.1:0"));
        assertEquals("--listen 127.0.0.1:x: invalid port",
                message("--listen", "127.0.0.1:x", "--names", names.toString()));
        assertEquals("--listen localhost:53: the host must be an IP address",
                message("--listen", "localhost:53", "--names", names.toString()));
        assertEquals(names + ":1: web.example.com. is outside weave.local.",
                message("--listen", "127.0.0.1:0", "--names", names.toString()));
    }

    @Test
    void aBusyPortIsNamedInTheError() throws IOException {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Path names = dir.resolve("names");
            Files.writeString(names, "");
            String listen = "127.0.0.1:" + taken.getLocalPort();
            try (WeaveDns dns = StandaloneDns.fromArguments(new String[] {"--listen", listen, "--names", names.toString()})) {
                IOException e = assertThrows(IOException.class, dns::start);
                assertTrue(e.getMessage().startsWith("DNS server cannot listen on " + listen + ": "), e.getMessage());
            }
        }
    }

    private static String message(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> StandaloneDns.fromArguments(args)).getMessage();
    }
}
