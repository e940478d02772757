package dev.weft.router.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.api.ApiResponse;
import dev.weft.router.api.BackgroundFailures;
import dev.weft.router.docker.ContainerInfo;
import dev.weft.router.docker.FakeContainers;
import dev.weft.router.iptables.FakeIptables;
import dev.weft.router.testing.FakeApiRoutes;
import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.plumbing.FakePlumbing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostSideTest {
    static final String WEB = "1111111111111111111111111111111111111111111111111111111111111111";
    static final String DB = "2222222222222222222222222222222222222222222222222222222222222222";
    static final String HOSTNET = "3333333333333333333333333333333333333333333333333333333333333333";
    static final String STOPPED = "4444444444444444444444444444444444444444444444444444444444444444";
    static final String PEER_MAC = "8a:3e:3e:3e:3e:3e";

    @TempDir
    Path tmp;
    final FakePlumbing plumbing = new FakePlumbing();
    final FakeIptables iptables = new FakeIptables();
    final FakeContainers containers = new FakeContainers();
    MemoryAddressBook ipam;
    final MemoryNameBook dns = new MemoryNameBook();
    HostSide host;
    final FakeApiRoutes api = new FakeApiRoutes();
    final List<String> announced = new java.util.ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        containers.add(new ContainerInfo(WEB, "web", 101, true, false, "web", "weave.local", "default", ""));
        containers.add(FakeContainers.running(DB, "db", 102));
        containers.add(new ContainerInfo(HOSTNET, "hn", 103, true, false, "hn", "", "host", ""));
        containers.add(new ContainerInfo(STOPPED, "gone", 0, false, false, "gone", "", "default", ""));
        plumbing.addContainer(101).addContainer(102).addHostNetworkContainer(103);
        Files.createDirectories(tmp.resolve("proc/101/root/etc"));
        Files.writeString(tmp.resolve("proc/101/root/etc/hosts"), "127.0.0.1 localhost\n");
        ipam = new MemoryAddressBook(Cidr.parse("10.32.0.0/12"), new dev.weft.router.docker.InspectLiveness(containers));
        host = make(ipam, dns);
    }

    HostSideConfig config() {
        return new HostSideConfig("weave", 1376, PEER_MAC, "docker0", "172.17.0.1", 6783, 6784,
                tmp.resolve("proc"), tmp.resolve("host"));
    }

    HostSide make(AddressBook addresses, NameBook names) {
        HostSideConfig config = config();
        // FakePlumbing keeps sysctls without entering a namespace, so no host namespace handle is needed
        HostSide side = HostSide.create(config, plumbing, null, iptables, containers, addresses, names,
                (link, cidr) -> announced.add(link + " " + cidr), new BackgroundFailures());
        side.start();
        side.apiModules().forEach(m -> m.register(api));
        return side;
    }

    ApiResponse post(String path, String... params) {
        return api.call("POST", path, params);
    }

    @Test
    void startMakesTheBridgeAndTheRules() {
        FakePlumbing.FakeBridge bridge = plumbing.bridge("weave").orElseThrow();
        assertEquals(1376, bridge.mtu());
        assertEquals(PEER_MAC, bridge.mac());
        assertEquals("0", plumbing.sysctl("net/ipv6/conf/weave/accept_ra").orElseThrow());
        assertEquals("5", plumbing.sysctl("net/ipv4/neigh/weave/base_reachable_time").orElseThrow());
        assertTrue(iptables.chainExists("filter", "WEAVE-CANARY"));
        assertEquals(List.of("-i", "docker0", "-o", "weave", "-j", "DROP"), iptables.rules("filter", "FORWARD").get(0));
    }

    @Test
    void rulesAppliedInTheBackgroundAreInPlaceWhenTheirStageCompletes() throws Exception {
        FakeIptables fresh = new FakeIptables();
        HostSide side = HostSide.create(config(), new FakePlumbing(), null, fresh, containers, ipam, dns, null,
                new BackgroundFailures());
        side.startBridge();
        side.applyRulesInBackground().get(10, TimeUnit.SECONDS);
        assertTrue(fresh.chainExists("nat", "WEAVE-CANARY"));
        assertEquals(List.of("-i", "docker0", "-o", "weave", "-j", "DROP"), fresh.rules("filter", "FORWARD").get(0));
        side.close();
    }

    @Test
    void rulesThatCannotBeAppliedFailTheirStage() {
        FakeIptables broken = new FakeIptables();
        broken.removeTable("nat");
        HostSide side = HostSide.create(config(), new FakePlumbing(), null, broken, containers, ipam, dns, null,
                new BackgroundFailures());
        side.startBridge();
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> side.applyRulesInBackground().get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("can't initialize iptables table `nat'"), e.getCause().getMessage());
        side.close();
    }

    @Test
    void attachWithoutAddressesAllocatesInTheDefaultSubnetAndRegistersTheName() {
        ApiResponse r = post("/weft/attach/web");
        assertEquals(200, r.status(), r.bodyText());
        assertEquals("10.32.0.1", r.bodyText());
        assertEquals(List.of(Cidr.parse("10.32.0.1/12")), plumbing.containerInterface(101, "ethwe").orElseThrow().addresses());
        assertTrue(plumbing.hasMulticastRoute(101));
        assertEquals(List.of(WEB + " 10.32.0.1 web.weave.local"), dns.entries);
    }

    @Test
    void attachSeveralAddressesByPartialId() {
        ApiResponse r = post("/weft/attach/22222", "addr", "net:default", "addr", "ip:10.2.1.1/24",
                "addr", "net:10.3.0.0/16", "no-multicast-route", "true");
        assertEquals("10.32.0.1 10.2.1.1 10.3.0.1", r.bodyText());
        assertFalse(plumbing.hasMulticastRoute(102));
        assertEquals(DB, ipam.owners.get(Cidr.parse("10.2.1.1/24")));
        assertEquals(List.of(), dns.entries, "no domain, no name");
    }

    @Test
    void errorsAreOneLineWithTheRightStatus() {
        assertResponse(404, "container nope not found", post("/weft/attach/nope"));
        assertResponse(400, "container gone is not running", post("/weft/attach/gone"));
        assertResponse(400, "container hn is using --net=host: it shares the host's network and cannot be attached to weave",
                post("/weft/attach/hn"));
        assertResponse(400, "invalid address 10.2.1.1: expected [ip:]<ip>/<len>, net:<subnet>/<len> or net:default",
                post("/weft/attach/web", "addr", "10.2.1.1"));
        post("/weft/attach/db", "addr", "10.2.1.1/24");
        assertResponse(409, "address 10.2.1.1 already in use by " + DB, post("/weft/attach/web", "addr", "10.2.1.1/24"));
        assertTrue(plumbing.containerInterface(101, "ethwe").isEmpty(), "nothing plumbed after a refusal");
    }

    @Test
    void withoutIpamOnlyExplicitAddressesWork() {
        FakeApiRoutes noIpamApi = new FakeApiRoutes();
        HostSide side = HostSide.create(new HostSideConfig("weave", 1376, PEER_MAC, "docker0", null, 6783, 6784,
                tmp.resolve("proc"), tmp.resolve("host")), plumbing, null, iptables, containers, null, null, null,
                new BackgroundFailures());
        side.apiModules().forEach(m -> m.register(noIpamApi));
        assertResponse(400, "IP address allocation must be enabled to use 'net:'",
                noIpamApi.call("POST", "/weft/attach/web"));
        assertResponse(200, "10.2.1.1", noIpamApi.call("POST", "/weft/attach/web", "addr", "10.2.1.1/24"));
        assertResponse(200, "10.2.1.1", noIpamApi.call("POST", "/weft/detach/web"));
        assertTrue(plumbing.containerInterface(101, "ethwe").isEmpty());
    }

    @Test
    void withoutDnsRegistersNoName() {
        post("/weft/attach/web", "without-dns", "true");
        assertEquals(List.of(), dns.entries);
    }

    @Test
    void detachWithoutAddressesRemovesAndReleasesAllOfThem() {
        post("/weft/attach/web", "addr", "net:default", "addr", "net:10.3.0.0/16");
        ApiResponse r = post("/weft/detach/web");
        assertResponse(200, "10.32.0.1 10.3.0.1", r);
        assertTrue(plumbing.containerInterface(101, "ethwe").isEmpty(), "ethwe deleted with its last address");
        assertEquals(List.of(), ipam.owned(WEB, null));
        assertEquals(List.of(), dns.entries);
    }

    @Test
    void detachOfANamedAddressKeepsItClaimed() {
        post("/weft/attach/web", "addr", "net:default", "addr", "10.2.1.1/24");
        assertResponse(200, "10.2.1.1", post("/weft/detach/web", "addr", "10.2.1.1/24"));
        assertEquals(List.of(Cidr.parse("10.32.0.1/12")), plumbing.containerInterface(101, "ethwe").orElseThrow().addresses());
        assertEquals(WEB, ipam.owners.get(Cidr.parse("10.2.1.1/24")));
        assertEquals(List.of(WEB + " 10.32.0.1 web.weave.local"), dns.entries);
    }

    @Test
    void psListsTheBridgeAndAttachedContainers() {
        post("/weft/attach/web", "addr", "net:default", "addr", "10.2.1.1/24");
        assertResponse(204, "", post("/expose/10.32.0.100/12"));
        String ps = api.call("GET", "/weft/ps").bodyText();
        List<String> lines = ps.lines().toList();
        assertEquals(2, lines.size(), ps);
        assertEquals("weave:expose " + PEER_MAC + " 10.32.0.100/12", lines.get(0));
        String mac = plumbing.containerInterface(101, "ethwe").orElseThrow().mac();
        assertEquals("111111111111 " + mac + " 10.32.0.1/12 10.2.1.1/24", lines.get(1));
        assertEquals("", api.call("GET", "/weft/ps", "container", "db", "container", "nope").bodyText());
    }

    @Test
    void psListsTheBridgeFirstEvenWhenNothingIsExposed() {
        assertEquals("weave:expose " + PEER_MAC + "\n", api.call("GET", "/weft/ps").bodyText());
        assertEquals("weave:expose " + PEER_MAC + "\n",
                api.call("GET", "/weft/ps", "container", "weave:expose").bodyText());
        post("/weft/attach/db");
        List<String> lines = api.call("GET", "/weft/ps").bodyText().lines().toList();
        assertEquals(List.of("weave:expose " + PEER_MAC, "222222222222 "
                + plumbing.containerInterface(102, "ethwe").orElseThrow().mac() + " 10.32.0.1/12"), lines);
    }

    @Test
    void exposeAndHide() {
        assertResponse(204, "", post("/expose/10.32.0.100/12"));
        assertEquals(List.of(Cidr.parse("10.32.0.100/12")), plumbing.bridgeAddresses("weave"));
        assertEquals(List.of("weave 10.32.0.100/12"), announced);
        assertTrue(iptables.exists("nat", "WEAVE", List.of("-s", "10.32.0.0/12", "!", "-d", "10.32.0.0/12", "-j", "MASQUERADE")));
        dns.add("weave:expose", Cidr.parse("10.32.0.100/12").address(), "gw.weave.local.");

        assertResponse(204, "", api.call("DELETE", "/expose/10.32.0.100/12"));
        assertEquals(List.of(), plumbing.bridgeAddresses("weave"));
        assertEquals(List.of(), iptables.rules("filter", "WEAVE-EXPOSE"));
        assertEquals(List.of(), dns.entries);
        assertResponse(404, "10.32.0.100/12 is not exposed", api.call("DELETE", "/expose/10.32.0.100/12"));
        assertResponse(400, "invalid CIDR address: 10.32.0.300/12", post("/expose/10.32.0.300/12"));
    }

    @Test
    void exposedAddressesGetTheirRulesBackAfterARestart() {
        post("/expose/10.32.0.100/12", "skipNAT", "true");
        host.close();
        make(ipam, dns); // a new router process on the same host: chains start empty
        assertEquals(List.of(List.of("-d", "10.32.0.0/12", "-j", "ACCEPT")), iptables.rules("filter", "WEAVE-EXPOSE"));
    }

    @Test
    void containerDescriptionAsJson() {
        ApiResponse r = api.call("GET", "/weft/container/web");
        assertEquals(200, r.status());
        assertEquals("{\"Id\":\"" + WEB + "\",\"Name\":\"web\",\"Pid\":101,\"Running\":true,\"Hostname\":\"web\","
                + "\"Domainname\":\"weave.local\",\"Fqdn\":\"web.weave.local\"}", r.bodyText());
        assertResponse(404, "container nope not found", api.call("GET", "/weft/container/nope"));
    }

    @Test
    void rewriteHostsWritesTheContainersFile() throws Exception {
        post("/weft/attach/web", "rewrite-hosts", "true", "add-host", "db:10.32.0.9");
        String hosts = Files.readString(tmp.resolve("proc/101/root/etc/hosts"));
        assertTrue(hosts.contains("10.32.0.1       web.weave.local web\n"), hosts);
        assertTrue(hosts.contains("10.32.0.9       db\n"), hosts);
        assertResponse(400, "invalid add-host db: expected <name>:<ip>",
                post("/weft/attach/web", "rewrite-hosts", "true", "add-host", "db"));
    }

    @Test
    void aContainerDyingDuringAttachIsReported() {
        plumbing.killContainer(101);
        // Docker says "running" when the attach starts and "exited" afterwards
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        dev.weft.router.docker.Containers dying = new dev.weft.router.docker.Containers() {
            @Override
            public java.util.Optional<ContainerInfo> inspect(String ref) {
                boolean running = asked.getAndIncrement() == 0;
                return java.util.Optional.of(new ContainerInfo(WEB, "web", running ? 101 : 0, running, false, "web", "",
                        "default", ""));
            }

            @Override
            public List<String> runningIds() {
                return List.of();
            }
        };
        AttachService attach = new AttachService(new ContainerResolver(dying), plumbing, host.bridge(), null, null, null);
        ApiResponseHolder.assertFails(500, "Container " + WEB + " died",
                () -> attach.attach("web", AttachRequest.of(List.of(AddrSpec.parse("10.2.1.1/24")))));
    }

    static void assertResponse(int status, String body, ApiResponse r) {
        assertEquals(body, r.bodyText());
        assertEquals(status, r.status());
    }
}
