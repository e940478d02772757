package dev.weft.router.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EndpointTest {

    @Test
    void unixAddresses() {
        Endpoint e = Endpoint.parse("unix:///var/run/weave/weave.sock");
        assertEquals("/var/run/weave/weave.sock", e.path());
        assertEquals("unix:///tmp/x.sock", Endpoint.parse("/tmp/x.sock").text());
        assertEquals("unix:///tmp/d.sock", Endpoint.parse("unix:///tmp/d.sock").listenedOn(Path.of("/var/run/weave/weave.sock")).text());
        assertEquals("/var/run/weave/weave.sock",
                Endpoint.parse("unix:///tmp/d.sock").listenedOn(Path.of("/var/run/weave/weave.sock")).path());
    }

    @Test
    void tcpAddressesWithTheProxysDefaultPort() {
        assertEquals("tcp://0.0.0.0:12375", Endpoint.parse("tcp://0.0.0.0:12375").text());
        assertEquals("tcp://0.0.0.0:2376", Endpoint.parse("tcp://:2376").text());
        assertEquals("tcp://127.0.0.1:12375", Endpoint.parse("127.0.0.1").text());
        assertEquals(12375, Endpoint.parse("tcp://10.0.0.1").port());
        assertEquals("tcp://10.0.0.1:12375", Endpoint.parse("tcp://10.0.0.1").listenedOn(Path.of("/x")).text());
    }

    @Test
    void badAddressesSayWhy() {
        assertEquals("unix://rel.sock: a unix socket path must be absolute",
                assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("unix://rel.sock")).getMessage());
        assertEquals("tcp://h:x: invalid port 'x'",
                assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("tcp://h:x")).getMessage());
        assertEquals("tcp://h:70000: invalid port 70000",
                assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("tcp://h:70000")).getMessage());
        assertEquals("fd://: unsupported protocol (use unix:// or tcp://)",
                assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("fd://")).getMessage());
    }
}
