package dev.weft.router.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.proxy.ApiCall.Kind;
import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.plumbing.AttachOptions;
import dev.weft.weaveutil.plumbing.FakePlumbing;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WeaveInterceptorTest {
    private final ExecutorService work = Executors.newFixedThreadPool(2);
    private final FakeEngineCalls engine = new FakeEngineCalls();
    private final FakePlumbing plumbing = new FakePlumbing();

    private WeaveInterceptor interceptor(boolean rewriteInspect) {
        ProxyAttacher attacher = new ProxyAttacher(engine, (id, r) -> List.of(),
                new ProxyAttacher.Settings(false, true, false, false, Duration.ofSeconds(5)), work);
        return new WeaveInterceptor(new CreateRewrite("vol-w", new DnsSettings("172.17.0.1", "weave.local."),
                HostnameRule.DEFAULT, false), engine, attacher, plumbing, rewriteInspect, false, work);
    }

    @AfterEach
    void stop() {
        work.shutdownNow();
    }

    private static byte[] utf8(String s) {
        return s.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8).replace('"', '\'');
    }

    @Test
    void createBodiesAreRewrittenWithTheImageAndTheName() throws Exception {
        engine.images.put("busybox", new ImageConfig(List.of(), List.of("sh")));
        byte[] out = interceptor(false).rewriteRequest(new ApiCall(Kind.CREATE_CONTAINER, ""),
                "/v1.41/containers/create?name=web%2D1", utf8("{'Image':'busybox','Cmd':null}"))
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals("{'Image':'busybox','Cmd':['sh'],'HostConfig':{'Binds':['vol-w:/w:ro'],'Dns':['172.17.0.1'],"
                + "'DnsSearch':['.']},'Entrypoint':['/w/w'],'Hostname':'web-1','Domainname':'weave.local'}", text(out));
    }

    @Test
    void aCreateThatDoesNotQualifyIsForwardedByteForByte() throws Exception {
        byte[] in = utf8("{ 'Image' : 'x', 'Env':['WEAVE_CIDR=none'] }");
        byte[] out = interceptor(false).rewriteRequest(new ApiCall(Kind.CREATE_CONTAINER, ""), "/containers/create", in)
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(text(in), text(out));
    }

    @Test
    void aCreateBodyThatIsNotJsonIsABadRequest() {
        ExecutionException e = assertThrows(ExecutionException.class, () -> interceptor(false)
                .rewriteRequest(new ApiCall(Kind.CREATE_CONTAINER, ""), "/containers/create", utf8("{'Image':"))
                .toCompletableFuture().get(5, TimeUnit.SECONDS));
        ProxyException p = assertInstanceOf(ProxyException.class, e.getCause());
        assertEquals(400, p.status());
        assertTrue(p.getMessage().startsWith("invalid JSON in container config: "), p.getMessage());
    }

    @Test
    void execsInWeaveContainersRunThroughWeavewait() throws Exception {
        engine.add(FakeEngineCalls.waiting("a".repeat(64), "c1", 42));
        engine.add(new ContainerView("b".repeat(64), "c2", 43, true, List.of("sh"), List.of(), "default", Map.of(), List.of()));
        WeaveInterceptor i = interceptor(false);
        assertEquals("{'Cmd':['/w/w','ip','addr'],'Tty':false}", text(i.rewriteRequest(new ApiCall(Kind.CREATE_EXEC, "c1"),
                "/containers/c1/exec", utf8("{'Cmd':['ip','addr'],'Tty':false}")).toCompletableFuture().get()));
        assertEquals("{'Cmd':['ip']}", text(i.rewriteRequest(new ApiCall(Kind.CREATE_EXEC, "c2"),
                "/containers/c2/exec", utf8("{'Cmd':['ip']}")).toCompletableFuture().get()));
    }

    @Test
    void whichAnswersAreHeld() {
        WeaveInterceptor plain = interceptor(false);
        assertTrue(plain.holdsResponse(new ApiCall(Kind.START_CONTAINER, "c"), 204));
        assertTrue(plain.holdsResponse(new ApiCall(Kind.RESTART_CONTAINER, "c"), 204));
        assertFalse(plain.holdsResponse(new ApiCall(Kind.START_CONTAINER, "c"), 304));
        assertFalse(plain.holdsResponse(new ApiCall(Kind.START_CONTAINER, "c"), 404));
        assertFalse(plain.holdsResponse(new ApiCall(Kind.INSPECT_CONTAINER, "c"), 200));
        assertTrue(interceptor(true).holdsResponse(new ApiCall(Kind.INSPECT_CONTAINER, "c"), 200));
        assertFalse(interceptor(true).holdsResponse(ApiCall.OTHER, 200));
    }

    @Test
    void inspectShowsTheWeaveAddressWhenAsked() throws Exception {
        plumbing.ensureBridge("weave", 1376, null);
        plumbing.addContainer(42);
        plumbing.attachContainer(42, "weave", List.of(Cidr.parse("10.32.0.7/12")), AttachOptions.defaults());
        String mac = plumbing.containerInterface(42, "ethwe").orElseThrow().mac();
        byte[] out = interceptor(true).rewriteResponse(new ApiCall(Kind.INSPECT_CONTAINER, "c1"), 200,
                utf8("{'State':{'Running':true,'Pid':42},'NetworkSettings':{'IPAddress':'172.17.0.2'}}"))
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals("{'State':{'Running':true,'Pid':42},'NetworkSettings':{'IPAddress':'10.32.0.7','IPPrefixLen':12,"
                + "'MacAddress':'" + mac + "'}}", text(out));
        byte[] other = utf8("{'State':{'Running':true,'Pid':99},'NetworkSettings':{}}");
        assertEquals(text(other), text(interceptor(true).rewriteResponse(new ApiCall(Kind.INSPECT_CONTAINER, "c2"), 200,
                other).toCompletableFuture().get(5, TimeUnit.SECONDS)));
    }
}
