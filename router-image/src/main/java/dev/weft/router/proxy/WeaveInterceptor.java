package dev.weft.router.proxy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.weaveutil.plumbing.AttachOptions;
import dev.weft.weaveutil.plumbing.InterfaceInfo;
import dev.weft.weaveutil.plumbing.Plumbing;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy's interceptions (SPEC §9.1): container create gets weavewait, the volume and DNS
 * settings ({@link CreateRewrite}); exec create in such a container runs through weavewait too;
 * a successful start or restart is answered once the container is attached ({@link ProxyAttacher});
 * with {@code --rewrite-inspect}, inspect answers show the weave address. The work (engine calls,
 * netlink) runs on the given executor, never on the proxy's event loop.
 */
public final class WeaveInterceptor implements Interceptor {
    private static final Logger LOG = LoggerFactory.getLogger(WeaveInterceptor.class);

    private final CreateRewrite create;
    private final EngineCalls engine;
    private final ProxyAttacher attacher;
    private final Plumbing plumbing;
    private final boolean rewriteInspect;
    private final boolean noDefaultIpalloc;
    private final Executor work;

    public WeaveInterceptor(CreateRewrite create, EngineCalls engine, ProxyAttacher attacher, Plumbing plumbing,
                            boolean rewriteInspect, boolean noDefaultIpalloc, Executor work) {
        this.create = create;
        this.engine = engine;
        this.attacher = attacher;
        this.plumbing = plumbing;
        this.rewriteInspect = rewriteInspect;
        this.noDefaultIpalloc = noDefaultIpalloc;
        this.work = work;
    }

    @Override
    public boolean rewritesRequest(ApiCall call) {
        return call.kind() == ApiCall.Kind.CREATE_CONTAINER || call.kind() == ApiCall.Kind.CREATE_EXEC;
    }

    @Override
    public CompletionStage<byte[]> rewriteRequest(ApiCall call, String uri, byte[] body) {
        return async(() -> call.kind() == ApiCall.Kind.CREATE_CONTAINER ? createContainer(uri, body)
                : createExec(call.id(), body));
    }

    private byte[] createContainer(String uri, byte[] body) {
        ObjectNode config = Json.parseObject(body, "container config");
        String name = first(new QueryStringDecoder(uri).parameters().get("name"));
        return create.rewrite(config, name, engine::image) ? Json.bytes(config) : body;
    }

    private byte[] createExec(String container, byte[] body) {
        ObjectNode exec = Json.parseObject(body, "exec config");
        Optional<ContainerView> c = engine.container(container);
        if (c.isEmpty() || !c.get().mounts().containsKey(CreateRewrite.WEAVEWAIT_MOUNT)
                || !WeaveCidr.decide(c.get().networkMode(), c.get().env(), noDefaultIpalloc).attach()) {
            return body;
        }
        List<String> cmd = Json.strings(exec, "Cmd");
        List<String> wrapped = new ArrayList<>();
        wrapped.add(CreateRewrite.WEAVEWAIT);
        if (cmd != null) {
            wrapped.addAll(cmd);
        }
        Json.putStrings(exec, "Cmd", wrapped);
        return Json.bytes(exec);
    }

    @Override
    public boolean holdsResponse(ApiCall call, int status) {
        return switch (call.kind()) {
            case START_CONTAINER, RESTART_CONTAINER -> status / 100 == 2;
            case INSPECT_CONTAINER, INSPECT_EXEC -> rewriteInspect && status == 200;
            default -> false;
        };
    }

    @Override
    public CompletionStage<byte[]> rewriteResponse(ApiCall call, int status, byte[] body) {
        return switch (call.kind()) {
            case START_CONTAINER, RESTART_CONTAINER -> attacher.afterStart(call.id()).thenApply(v -> body);
            case INSPECT_CONTAINER -> async(() -> inspected(body, false));
            case INSPECT_EXEC -> async(() -> inspected(body, true));
            default -> CompletableFuture.completedFuture(body);
        };
    }

    private byte[] inspected(byte[] body, boolean exec) {
        try {
            ObjectNode answer = Json.parseObject(body, "inspect answer");
            ObjectNode container = exec ? InspectRewrite.embeddedContainer(answer) : answer;
            if (container == null) {
                return body;
            }
            long pid = InspectRewrite.pid(container);
            if (pid <= 0) {
                return body;
            }
            Optional<InterfaceInfo> weave = plumbing.containerInterface(Math.toIntExact(pid),
                    AttachOptions.DEFAULT_INTERFACE);
            return weave.isPresent() && InspectRewrite.apply(container, weave.get()) ? Json.bytes(answer) : body;
        } catch (RuntimeException e) {
            LOG.debug("inspect answer left as it was: {}", e.getMessage());
            return body;
        }
    }

    private <T> CompletionStage<T> async(Supplier<T> call) {
        try {
            return CompletableFuture.supplyAsync(call, work);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new ProxyException(503, "the weave proxy is too busy; try again"));
        }
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() ? "" : values.get(0);
    }
}
