package dev.weft.router.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.api.ApiException;
import dev.weft.router.api.BackgroundFailures;
import dev.weft.router.api.ClientLink;
import dev.weft.router.attach.AttachRequest;
import dev.weft.router.attach.HostSide;
import dev.weft.router.attach.HostSideConfig;
import dev.weft.router.docker.FakeContainers;
import dev.weft.router.http.ApiServer;
import dev.weft.router.http.HttpLimits;
import dev.weft.router.http.ListenAddress;
import dev.weft.router.http.RouteTable;
import dev.weft.router.identity.PeerName;
import dev.weft.router.ipam.Ipam;
import dev.weft.router.ipam.IpamConfig;
import dev.weft.router.iptables.FakeIptables;
import dev.weft.router.store.Store;
import dev.weft.router.testing.MutableClock;
import dev.weft.weaveutil.plumbing.FakePlumbing;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An attach whose caller goes away while IPAM waits (no consensus yet) leaves no allocation behind:
 * {@code weave attach} interrupted by Ctrl-C closes its connection, and the router must then drop the
 * waiting allocation, whether the connection closed before or after the allocation was asked for.
 */
class AttachCancelTest {
    private static final String WEB = "a1".repeat(32);

    @TempDir
    Path tmp;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final Store store = Store.inMemory();
    private final FakeContainers containers = new FakeContainers();
    private final FakePlumbing plumbing = new FakePlumbing();
    private Ipam ipam;
    private HostSide host;
    private ApiServer server;

    @BeforeEach
    void setUp() throws IOException {
        containers.add(FakeContainers.running(WEB, "web", 101));
        plumbing.addContainer(101);
        // a quorum of 2 that this lone peer never reaches: every allocation waits
        ipam = Ipam.create(IpamConfig.fromFlags("10.32.0.0/12", null, "consensus=2",
                PeerName.parse("aa:00:00:00:00:01"), "host1", 0), store, id -> true, new MutableClock(), timers);
        HostSideConfig config = new HostSideConfig("weave", 1376, "8a:3e:3e:3e:3e:3e", "docker0", "172.17.0.1", 6783,
                6784, tmp.resolve("proc"), tmp.resolve("host"));
        host = HostSide.create(config, plumbing, null, new FakeIptables(), containers, new IpamAddressBook(ipam),
                null, null, new BackgroundFailures());
        host.start();
        RouteTable routes = new RouteTable();
        host.apiModules().forEach(m -> m.register(routes));
        server = ApiServer.start("control", new ListenAddress("127.0.0.1", 0), routes, HttpLimits.DEFAULT);
    }

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
        host.close();
        ipam.close();
        store.close();
        timers.shutdownNow();
    }

    @Test
    void closingTheConnectionOfAWaitingAttachCancelsItsAllocation() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.address().getPort()), 2000);
            socket.getOutputStream().write(("POST /weft/attach/web HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertTrue(within(5_000, () -> ipam.snapshot().pendingAllocates().size() == 1), "the attach waits in IPAM");
        }
        assertTrue(within(5_000, () -> ipam.snapshot().pendingAllocates().isEmpty()),
                "still pending after the client went away: " + ipam.snapshot().pendingAllocates());
        assertEquals(Map.of(), ipam.owners());
        assertTrue(plumbing.containerInterface(101, "ethwe").isEmpty(), "nothing plumbed");
    }

    @Test
    void anAttachWhoseClientIsGoneBeforeItsAllocationIsAskedForIsCancelledAtOnce() {
        ClientLink alreadyGone = Runnable::run;
        ApiException e = assertThrows(ApiException.class, () -> host.attachService().attach("web",
                AttachRequest.from(new dev.weft.router.api.ApiRequest("POST", "/weft/attach/web",
                        Map.of("container", "web"), Map.of(), Map.of())), alreadyGone));
        assertEquals("attach web cancelled: the client went away", e.getMessage());
        assertTrue(ipam.snapshot().pendingAllocates().isEmpty());
        assertEquals(Map.of(), ipam.owners());
    }

    @Test
    void anAttachWithoutACallerKeepsWaiting() throws Exception {
        Thread attach = new Thread(() -> {
            try {
                host.attachService().attach("web", AttachRequest.from(new dev.weft.router.api.ApiRequest("POST",
                        "/weft/attach/web", Map.of("container", "web"), Map.of(), Map.of())));
            } catch (RuntimeException e) {
                // cancelled by the tear-down
            }
        });
        attach.setDaemon(true);
        attach.start();
        assertTrue(within(5_000, () -> ipam.snapshot().pendingAllocates().size() == 1));
        Thread.sleep(300);
        assertEquals(List.of(WEB), ipam.snapshot().pendingAllocates());
    }

    private static boolean within(long millis, BooleanSupplier condition) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }
}
