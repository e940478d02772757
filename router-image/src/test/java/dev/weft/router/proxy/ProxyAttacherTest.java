package dev.weft.router.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.api.ApiException;
import dev.weft.router.attach.AddrSpec;
import dev.weft.router.attach.AttachRequest;
import dev.weft.router.attach.ExtraHost;
import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.addr.Ipv4;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class ProxyAttacherTest {
    private static final String ID = "c0ffee" + "0".repeat(58);
    private final ExecutorService work = Executors.newFixedThreadPool(4);
    private final FakeEngineCalls engine = new FakeEngineCalls();
    private final List<String> calls = new ArrayList<>();
    private final List<AttachRequest> requests = new ArrayList<>();

    private ProxyAttacher attacher(ProxyAttacher.Attach attach, Duration timeout) {
        return new ProxyAttacher(engine, attach, new ProxyAttacher.Settings(false, true, false, false, timeout), work);
    }

    private ProxyAttacher.Attach recording() {
        return (id, request) -> {
            synchronized (calls) {
                calls.add(id);
                requests.add(request);
            }
            return List.of(Cidr.parse("10.32.0.1/12"));
        };
    }

    @AfterEach
    void stop() {
        work.shutdownNow();
    }

    @Test
    void aContainerOfTheProxyIsAttachedWithItsAddressesAndAddHosts() throws Exception {
        engine.add(new ContainerView(ID, "web", 42, true, List.of("/w/w", "sh"), List.of("WEAVE_CIDR=10.2.1.1/24 net:default"),
                "default", Map.of(), List.of("db:10.2.1.9", "bad-entry")));
        attacher(recording(), Duration.ofSeconds(5)).afterStart("web").get(5, TimeUnit.SECONDS);
        assertEquals(List.of(ID), calls);
        assertEquals(new AttachRequest(List.of(new AddrSpec.Exact(Cidr.parse("10.2.1.1/24")), new AddrSpec.DefaultSubnet()),
                false, true, List.of(new ExtraHost("db", Ipv4.parse("10.2.1.9"))), false, false), requests.get(0));
    }

    @Test
    void othersAreLeftAlone() throws Exception {
        engine.add(new ContainerView(ID, "plain", 42, true, List.of("/entry"), List.of(), "default", Map.of(), List.of()));
        engine.add(FakeEngineCalls.waiting("d" + ID.substring(1), "optout", 43, "WEAVE_CIDR=none"));
        ProxyAttacher a = attacher(recording(), Duration.ofSeconds(5));
        a.afterStart("plain").get(5, TimeUnit.SECONDS);
        a.afterStart("optout").get(5, TimeUnit.SECONDS);
        assertEquals(List.of(), calls);
        ExecutionException missing = assertThrows(ExecutionException.class, () -> a.afterStart("nope").get());
        assertEquals(404, ((ProxyException) missing.getCause()).status());
    }

    @Test
    void aFailedAttachKillsTheContainerAndAnswersWithTheReason() {
        engine.add(FakeEngineCalls.waiting(ID, "c1", 42, "WEAVE_CIDR=net:192.168.0.0/24"));
        ProxyAttacher a = attacher((id, r) -> {
            throw ApiException.badRequest("range 192.168.0.0/24 out of bounds: 10.32.0.0/12");
        }, Duration.ofSeconds(5));
        ExecutionException e = assertThrows(ExecutionException.class, () -> a.afterStart(ID).get(5, TimeUnit.SECONDS));
        ProxyException p = assertInstanceOf(ProxyException.class, e.getCause());
        assertEquals(400, p.status());
        assertEquals("weave could not attach container c0ffee000000 (c1): range 192.168.0.0/24 out of bounds: "
                + "10.32.0.0/12", p.getMessage());
        assertEquals(List.of(ID), engine.killed());
    }

    @Test
    void aStartAndItsEventAttachOnceAndARestartAgain() throws Exception {
        engine.add(FakeEngineCalls.waiting(ID, "c1", 42));
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger attaches = new AtomicInteger();
        ProxyAttacher a = attacher((id, r) -> {
            attaches.incrementAndGet();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of();
        }, Duration.ofSeconds(5));
        var viaProxy = a.afterStart(ID);
        a.started(ID);
        release.countDown();
        viaProxy.get(5, TimeUnit.SECONDS);
        a.afterStart(ID).get(5, TimeUnit.SECONDS);
        assertEquals(1, attaches.get());

        a.died(ID);
        engine.add(FakeEngineCalls.waiting(ID, "c1", 77));
        a.afterStart(ID).get(5, TimeUnit.SECONDS);
        assertEquals(2, attaches.get());
        assertEquals(77L, a.attemptPid(ID).orElseThrow());
    }

    @Test
    void anAttachThatDoesNotFinishInTimeFailsTheStart() {
        engine.add(FakeEngineCalls.waiting(ID, "c1", 42));
        CountDownLatch never = new CountDownLatch(1);
        ProxyAttacher a = attacher((id, r) -> {
            try {
                never.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of();
        }, Duration.ofMillis(200));
        ExecutionException e = assertThrows(ExecutionException.class, () -> a.afterStart(ID).get(5, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().endsWith("no answer within the proxy's time limit"), e.getCause().getMessage());
        assertEquals(List.of(ID), engine.killed());
        never.countDown();
    }

    @Test
    void afterARouterRestartRunningContainersAreAttachedAgainRetryingFailures() throws Exception {
        engine.add(FakeEngineCalls.waiting(ID, "c1", 42));
        engine.add(new ContainerView("b" + ID.substring(1), "other", 43, true, List.of("nginx"), List.of(), "default",
                Map.of(), List.of()));
        AtomicInteger tries = new AtomicInteger();
        ProxyAttacher a = attacher((id, r) -> {
            if (tries.incrementAndGet() == 1) {
                throw new ApiException(500, "IPAM not ready");
            }
            return List.of();
        }, Duration.ofSeconds(5));
        a.reattachRunning().get(10, TimeUnit.SECONDS);
        assertEquals(2, tries.get());
        assertEquals(List.of(), engine.killed());
    }
}
