package dev.weft.router.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.api.ApiResponse;
import dev.weft.router.bridge.GratuitousArpAnnouncer;
import dev.weft.router.docker.FakeContainers;
import dev.weft.router.docker.InspectLiveness;
import dev.weft.router.iptables.ExecIptables;
import dev.weft.router.testing.FakeApiRoutes;
import dev.weft.router.testsupport.ThrowawayNetns;
import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.ns.NetNs;
import dev.weft.weaveutil.plumbing.NetlinkPlumbing;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The host side on real netlink and iptables: a throwaway namespace plays the host, another one
 * with a sleeping process plays the container; traffic between them goes over the weave bridge.
 */
@Tag("privileged")
class HostSidePrivilegedTest {
    static final String ID = "5555555555555555555555555555555555555555555555555555555555555555";

    private ThrowawayNetns hostNetns;
    private ThrowawayNetns containerNetns;
    private Process container;
    private NetNs hostHandle;
    private NetlinkPlumbing plumbing;
    private HostSide host;
    private final FakeApiRoutes api = new FakeApiRoutes();

    @BeforeEach
    void setUp() throws Exception {
        hostNetns = ThrowawayNetns.create("rhost-h");
        containerNetns = ThrowawayNetns.create("rhost-c");
        ThrowawayNetns.run(hostNetns.exec("ip", "link", "set", "lo", "up").toArray(String[]::new));
        ThrowawayNetns.run(containerNetns.exec("ip", "link", "set", "lo", "up").toArray(String[]::new));
        container = new ProcessBuilder(containerNetns.exec("sleep", "300")).start();
        hostHandle = NetNs.named(hostNetns.name());
        plumbing = hostHandle.call(NetlinkPlumbing::new);
        FakeContainers containers = new FakeContainers().add(FakeContainers.running(ID, "web", container.pid()));
        host = HostSide.create(new HostSideConfig("weave", 1376, "8a:3e:3e:3e:3e:3e", "docker0", null, 6783, 6784,
                        Path.of("/proc"), Path.of("/nonexistent")), plumbing, hostHandle,
                new ExecIptables(hostNetns.exec("iptables")), containers,
                new MemoryAddressBook(Cidr.parse("10.32.0.0/12"), new InspectLiveness(containers)), new MemoryNameBook(),
                new GratuitousArpAnnouncer(plumbing, hostHandle), new dev.weft.router.api.BackgroundFailures());
        host.start();
        host.apiModules().forEach(m -> m.register(api));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (host != null) {
            host.close();
        }
        if (container != null) {
            container.destroyForcibly().waitFor();
        }
        if (plumbing != null) {
            plumbing.close();
        }
        if (hostHandle != null) {
            hostHandle.close();
        }
        for (ThrowawayNetns ns : new ThrowawayNetns[] {containerNetns, hostNetns}) {
            if (ns != null) {
                ns.close();
            }
        }
    }

    private static String in(ThrowawayNetns ns, String... command) throws Exception {
        return ThrowawayNetns.run(ns.exec(command).toArray(String[]::new));
    }

    private boolean ethweGoneWithin(long millis) throws Exception {
        long deadline = System.nanoTime() + millis * 1_000_000;
        do {
            try {
                in(containerNetns, "ip", "link", "show", "ethwe");
            } catch (IOException gone) {
                return true;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        return false;
    }

    @Test
    void attachExposePingPsDetach() throws Exception {
        ApiResponse attached = api.call("POST", "/weft/attach/web");
        assertEquals("10.32.0.1", attached.bodyText(), "status " + attached.status());
        assertTrue(in(containerNetns, "ip", "-4", "addr", "show", "ethwe").contains("inet 10.32.0.1/12"));
        assertTrue(in(containerNetns, "ip", "route").contains("224.0.0.0/4 dev ethwe"));

        // the container learns the bridge's address from the gratuitous ARP alone (no traffic yet)
        in(containerNetns, "sysctl", "-qw", "net.ipv4.conf.ethwe.arp_accept=1");
        assertEquals(204, api.call("POST", "/expose/10.32.0.100/12").status());
        String neighbours = "";
        for (int i = 0; i < 50 && !neighbours.contains("8a:3e:3e:3e:3e:3e"); i++) {
            Thread.sleep(20);
            neighbours = in(containerNetns, "ip", "neigh", "show", "10.32.0.100");
        }
        assertTrue(neighbours.contains("lladdr 8a:3e:3e:3e:3e:3e"), neighbours);
        // a TCP connect to a closed port on the bridge address: "refused" means the packets got there and back
        Process probe = new ProcessBuilder(containerNetns.exec("timeout", "5", "bash", "-c", "</dev/tcp/10.32.0.100/9"))
                .redirectErrorStream(true).start();
        String answer = new String(probe.getInputStream().readAllBytes());
        probe.waitFor();
        assertTrue(answer.contains("Connection refused"), answer);
        assertTrue(in(hostNetns, "iptables", "-t", "nat", "-S", "WEAVE").contains("-j MASQUERADE"));

        String mac = in(containerNetns, "cat", "/sys/class/net/ethwe/address").strip();
        assertEquals("weave:expose 8a:3e:3e:3e:3e:3e 10.32.0.100/12\n555555555555 " + mac + " 10.32.0.1/12\n",
                api.call("GET", "/weft/ps").bodyText());

        assertEquals("10.32.0.1", api.call("POST", "/weft/detach/web").bodyText());
        // the interface is deleted in the background, in batches (LinkReaper): gone within moments
        assertTrue(ethweGoneWithin(5_000), "ethwe still in the container 5 s after detach");
        assertEquals(List.of(), List.of(api.call("GET", "/weft/ps", "container", "web").bodyText())
                .stream().filter(s -> !s.isEmpty()).toList());
    }
}
