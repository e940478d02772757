package dev.weft.router.ipam;

import dev.weft.router.testing.FakeApiRoutes;
import dev.weft.router.testing.MutableClock;

import dev.weft.router.identity.PeerName;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.weft.router.api.ApiResponse;
import dev.weft.router.store.Store;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IpamApiTest {
    static final PeerName US = PeerName.parse("aa:00:00:00:00:01");

    final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    final Store store = Store.inMemory();
    final FakeApiRoutes routes = new FakeApiRoutes();
    Ipam ipam;

    void start(String init, String tracker) {
        ipam = Ipam.create(IpamConfig.fromFlags("10.32.0.0/12", "10.32.0.0/16", init, US, "host1", 0), store,
                Set.of("alive")::contains, new MutableClock(), scheduler);
        new IpamApi(ipam, tracker).register(routes);
    }

    @AfterEach
    void stop() {
        if (ipam != null) {
            ipam.close();
        }
        store.close();
        scheduler.shutdownNow();
    }

    static void assertResponse(int status, String body, ApiResponse response) {
        assertEquals(status + " " + body, response.status() + " " + response.bodyText());
    }

    @Test
    void allocatesInTheDefaultSubnetOrTheOneNamed() throws Exception {
        start("", "");
        assertResponse(200, "10.32.0.1/16", routes.call("POST", "/ip/c1"));
        assertResponse(200, "10.32.0.1/16", routes.call("POST", "/ip/c1"));
        assertResponse(200, "10.33.0.1/16", routes.call("POST", "/ip/c1/10.33.0.0/16"));
        assertResponse(200, "10.32.0.1/16 10.33.0.1/16", routes.call("GET", "/ip/c1/10.32.0.0/12"));
        assertResponse(200, "10.32.0.1/16", routes.call("GET", "/ip/c1"));
        assertResponse(200, "", routes.call("GET", "/ip/nobody"));
    }

    @Test
    void refusesBadSubnets() throws Exception {
        start("", "");
        assertResponse(400, "range 10.1.0.0/16 out of bounds: 10.32.0.0/12", routes.call("POST", "/ip/c1/10.1.0.0/16"));
        assertResponse(400, "invalid subnet - bits after network prefix are not all zero: 10.32.0.1/16",
                routes.call("POST", "/ip/c1/10.32.0.1/16"));
        assertResponse(400, "invalid subnet - smaller than minimum size 4: 10.32.0.0/31",
                routes.call("POST", "/ip/c1/10.32.0.0/31"));
        assertResponse(400, "invalid CIDR address: 10.32.0/16", routes.call("POST", "/ip/c1/10.32.0/16"));
        assertResponse(400, "invalid CIDR address: 10.32.0.0/40", routes.call("GET", "/ip/c1/10.32.0.0/40"));
    }

    @Test
    void claimsAnswerNoContentOrUnableToClaim() throws Exception {
        start("", "");
        assertResponse(204, "", routes.call("PUT", "/ip/alive/10.32.0.7/12"));
        assertResponse(400, "Unable to claim: address 10.32.0.7 is already owned by alive",
                routes.call("PUT", "/ip/c2/10.32.0.7/12"));
        assertResponse(204, "", routes.call("PUT", "/ip/alive/192.168.0.7/24"));
        assertResponse(400, "Unable to claim: address 192.168.0.7 already in use by alive",
                routes.call("PUT", "/ip/c3/192.168.0.7/24"));
        assertResponse(400, "invalid IP address: 10.32.0.300", routes.call("DELETE", "/ip/c1/10.32.0.300"));
    }

    @Test
    void checkAliveAnswersCancelledForDeadContainers() throws Exception {
        start("", "");
        assertResponse(200, "cancelled", routes.call("POST", "/ip/dead", "check-alive", "true"));
        assertResponse(200, "cancelled", routes.call("PUT", "/ip/dead/10.32.0.7/12", "check-alive", "true"));
        assertResponse(200, "10.32.0.1/16", routes.call("POST", "/ip/alive", "check-alive", "true"));
        assertResponse(200, "10.32.0.2/16", routes.call("POST", "/ip/dead"), "without check-alive it is not asked");
    }

    static void assertResponse(int status, String body, ApiResponse response, String why) {
        assertEquals(status + " " + body, response.status() + " " + response.bodyText(), why);
    }

    @Test
    void noErrorOnUnknownReturnsBeforeTheRingExists() throws Exception {
        start("consensus=3", "");
        assertResponse(204, "", routes.call("PUT", "/ip/c1/10.32.0.7/12", "noErrorOnUnknown", "true"));
        assertEquals(1, ipam.snapshot().pendingClaims().size());
    }

    @Test
    void aWaitingAllocationAnswersCancelledWhenItsContainerIsDestroyed() throws Exception {
        start("consensus=3", "");
        CompletableFuture<ApiResponse> response = CompletableFuture.supplyAsync(() -> routes.call("POST", "/ip/c1"));
        while (ipam.snapshot().pendingAllocates().isEmpty()) {
            Thread.sleep(10);
        }
        assertFalse(response.isDone());
        ipam.destroyed("c1");
        assertResponse(200, "cancelled", response.get(10, TimeUnit.SECONDS));
    }

    @Test
    void freesAndDeletes() throws Exception {
        start("", "");
        routes.call("POST", "/ip/c1");
        routes.call("POST", "/ip/c1/10.33.0.0/16");
        assertResponse(400, "Unable to free: Free: address 10.32.0.9 not found for c1",
                routes.call("DELETE", "/ip/c1/10.32.0.9"));
        assertResponse(204, "", routes.call("DELETE", "/ip/c1/10.32.0.1"));
        assertResponse(200, "10.33.0.1/16", routes.call("GET", "/ip/c1/10.32.0.0/12"));
        assertResponse(204, "", routes.call("DELETE", "/ip/c1"));
        assertResponse(400, "Delete: no addresses for c1", routes.call("DELETE", "/ip/c1"));
        assertResponse(200, "10.32.0.1/16", routes.call("POST", "/ip/_"));
        assertResponse(204, "", routes.call("DELETE", "/ip/10.32.0.1"));
    }

    @Test
    void listsAllOwnedAddressesAsJson() throws Exception {
        start("", "");
        routes.call("POST", "/ip/c1");
        routes.call("PUT", "/ip/weave:expose/10.32.0.9/12");
        ApiResponse response = routes.call("GET", "/ip");
        assertEquals(ApiResponse.JSON, response.contentType());
        assertEquals("{\"owned\":[{\"containerid\":\"c1\",\"addrs\":[\"10.32.0.1/16\"]},"
                + "{\"containerid\":\"weave:expose\",\"addrs\":[\"10.32.0.9/12\"]}]}", response.bodyText());
    }

    @Test
    void ringAnswersOnceFormedAndPrimesConsensusOfOne() throws Exception {
        start("", "");
        assertFalse(ipam.isReady());
        assertResponse(200, "", routes.call("GET", "/ring"));
        assertEquals("ready", ipam.snapshot().status());
    }

    @Test
    void infoRoutesEndWithNewline() throws Exception {
        start("", "no-masq-local");
        assertResponse(200, "10.32.0.0/16\n", routes.call("GET", "/ipinfo/defaultsubnet"));
        assertResponse(200, "no-masq-local\n", routes.call("GET", "/ipinfo/tracker"));
    }

    @Test
    void rmpeerReportsAddressesTakenOver() throws Exception {
        start("seed=aa:00:00:00:00:01,::7", "");
        assertResponse(200, "524288 IPs taken over from ::7\n", routes.call("DELETE", "/peer/::7"));
        assertResponse(200, "0 IPs taken over from ::7\n", routes.call("DELETE", "/peer/::7"));
        assertResponse(200, "0 IPs taken over from host1\n", routes.call("DELETE", "/peer/host1"));
        assertResponse(400, "unknown peer stranger: no peer of that name or nickname is known here",
                routes.call("DELETE", "/peer/stranger"));
    }

    @Test
    void anAddressHeldByAContainerThatIsNotRunningGoesToTheClaimer() throws Exception {
        start("", "");
        assertResponse(204, "", routes.call("PUT", "/ip/stopped/10.32.1.9/24"));
        assertResponse(204, "", routes.call("PUT", "/ip/stopped/192.168.3.9/24"));
        assertResponse(204, "", routes.call("PUT", "/ip/web2/10.32.1.9/24"));
        assertResponse(204, "", routes.call("PUT", "/ip/web2/192.168.3.9/24"));
        assertResponse(200, "{\"owned\":[{\"containerid\":\"web2\",\"addrs\":[\"10.32.1.9/24\",\"192.168.3.9/24\"]}]}",
                routes.call("GET", "/ip"));
    }

    @Test
    void resetDropsTheRingAndTheData() throws Exception {
        start("", "");
        routes.call("POST", "/ip/c1");
        assertResponse(204, "", routes.call("DELETE", "/peer"));
        assertFalse(ipam.isReady());
        assertResponse(200, "{\"owned\":[]}", routes.call("GET", "/ip"));
    }
}
