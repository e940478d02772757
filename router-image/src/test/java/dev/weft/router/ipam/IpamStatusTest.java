package dev.weft.router.ipam;

import dev.weft.router.testing.MutableClock;

import dev.weft.router.identity.PeerName;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.router.api.StatusSection;
import dev.weft.router.api.StatusSection.StatusLine;
import dev.weft.router.store.Store;
import dev.weft.weaveutil.addr.Cidr;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IpamStatusTest {
    static final PeerName US = PeerName.parse("aa:00:00:00:00:01");
    final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    final Store store = Store.inMemory();
    Ipam ipam;

    Ipam start(String init) {
        ipam = Ipam.create(IpamConfig.fromFlags("10.32.0.0/12", null, init, US, "host1", 0), store,
                id -> true, new MutableClock(), scheduler);
        return ipam;
    }

    @AfterEach
    void stop() {
        ipam.close();
        store.close();
        scheduler.shutdownNow();
    }

    @Test
    void summaryShowsStatusRangeAndDefaultSubnet() {
        StatusSection status = start("").status();
        assertEquals("ipam", status.service());
        assertEquals(List.of(new StatusLine("Status", "idle"), new StatusLine("Range", "10.32.0.0/12"),
                new StatusLine("DefaultSubnet", "10.32.0.0/12")), status.summary());
        ipam.allocate("c1", Cidr.parse("10.32.0.0/12"), false).await();
        assertEquals(new StatusLine("Status", "ready"), status.summary().get(0));
    }

    @Test
    void consensusWithoutQuorumSaysSo() {
        Ipam ipam = start("consensus=4");
        ipam.allocate("c1", Cidr.parse("10.32.0.0/12"), false);
        assertEquals(new StatusLine("Status", "awaiting consensus (quorum: 3, known: 1)"),
                ipam.status().summary().get(0));
    }

    @Test
    void observerSaysPriming() {
        assertEquals(new StatusLine("Status", "priming"), start("observer").status().summary().get(0));
    }

    @Test
    void detailListsOurRangesFirstThenUnreachablePeers() {
        Ipam ipam = start("seed=aa:00:00:00:00:01,::2,::3");
        ipam.allocate("c1", Cidr.parse("10.32.0.0/12"), false).await();
        ipam.allocate("c2", Cidr.parse("10.32.0.0/12"), false).await();
        assertEquals("aa:00:00:00:00:01(host1)                262144 IPs (25.0% of total) (2 active)\n"
                + "    ranges: 10.44.0.0-10.47.255.255\n"
                + "00:00:00:00:00:02()                     524288 IPs (50.0% of total) - unreachable!\n"
                + "    ranges: 10.32.0.0-10.39.255.255\n"
                + "00:00:00:00:00:03()                     262144 IPs (25.0% of total) - unreachable!\n"
                + "    ranges: 10.40.0.0-10.43.255.255\n"
                + "00:00:00:00:00:02() holds 524288 IPs and is unreachable; if it is gone for good, reclaim them on "
                + "ONE host with: weave rmpeer 00:00:00:00:00:02\n"
                + "00:00:00:00:00:03() holds 262144 IPs and is unreachable; if it is gone for good, reclaim them on "
                + "ONE host with: weave rmpeer 00:00:00:00:00:03\n",
                ipam.status().detail());
    }

    @Test
    void reportHasTheOriginalFields() throws Exception {
        Ipam ipam = start("");
        ipam.allocate("c1", Cidr.parse("10.32.0.0/12"), false).await();
        String json = new ObjectMapper().writeValueAsString(ipam.status().report());
        assertEquals("IPAM", ipam.status().reportKey());
        assertEquals("{\"Paxos\":null,\"Range\":\"10.32.0.0/12\",\"RangeNumIPs\":1048576,\"ActiveIPs\":1,"
                + "\"DefaultSubnet\":\"10.32.0.0/12\",\"Entries\":[{\"Token\":\"10.32.0.0\",\"Size\":1048576,"
                + "\"Peer\":\"aa:00:00:00:00:01\",\"Nickname\":\"host1\",\"IsKnownPeer\":true,\"Version\":2}],"
                + "\"PendingClaims\":[],\"PendingAllocates\":[]}", json);
    }

    @Test
    void reportShowsPaxosWhileAwaitingConsensus() throws Exception {
        Ipam ipam = start("consensus=2");
        ipam.claim("c1", Cidr.parse("10.32.0.5/12"), false, true).await();
        String json = new ObjectMapper().writeValueAsString(ipam.status().report());
        assertEquals("{\"Paxos\":{\"Elector\":true,\"KnownNodes\":1,\"Quorum\":2},\"Range\":\"10.32.0.0/12\","
                + "\"RangeNumIPs\":1048576,\"ActiveIPs\":0,\"DefaultSubnet\":\"10.32.0.0/12\",\"Entries\":[],"
                + "\"PendingClaims\":[{\"Ident\":\"c1\",\"Address\":\"10.32.0.5\"}],\"PendingAllocates\":[]}", json);
    }
}
