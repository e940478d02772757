package dev.weft.router.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection of the proxy, in HTTP mode. Requests go to the engine one at a time over
 * a connection of their own, bodies streamed in both directions with back-pressure (reading from
 * one side stops while the other cannot take more). Calls the {@link Interceptor} rewrites are held
 * whole, up to {@link ProxyLimits#maxHeldBody()}. When the engine turns the connection into a raw
 * stream (101, or a raw-stream answer to attach / exec start), both connections are handed to a
 * {@link Tunnel}. All state is touched on the client connection's event loop only.
 */
final class ClientHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ClientHandler.class);
    private static final int LINGER_SECONDS = 5;

    private final EngineConnector engine;
    private final Interceptor interceptor;
    private final ProxyLimits limits;

    private Channel client;
    private Channel backend;
    private boolean connecting;
    private final ArrayDeque<HttpObject> waiting = new ArrayDeque<>();
    private final ReadPacer fromEngine = new ReadPacer();

    private ApiCall call = ApiCall.OTHER;
    private HttpRequest request;
    /** More of the current request's body is to come from the client. */
    private boolean requestOpen;
    /** The current request has not been answered completely yet. */
    private boolean exchangeOpen;
    private boolean keepAlive = true;
    private HeldMessage heldRequest;
    private HeldMessage heldResponse;
    /** Relaying an informational answer (100 Continue): the real one follows. */
    private boolean interim;
    /** An interceptor stage is running. */
    private boolean busy;
    private boolean hijacked;
    private boolean clientInputShut;
    /** After an error that ends the connection: the rest of the client's request is read and dropped. */
    private boolean discarding;

    ClientHandler(EngineConnector engine, Interceptor interceptor, ProxyLimits limits) {
        this.engine = engine;
        this.interceptor = interceptor;
        this.limits = limits;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        client = ctx.channel();
    }

    // ---- from the client

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (hijacked || discarding) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest head) {
            beginRequest(head);
        }
        if (msg instanceof HttpContent content) {
            requestContent(content);
        } else if (!(msg instanceof HttpRequest)) {
            ReferenceCountUtil.release(msg);
        }
        updateReading();
    }

    private void beginRequest(HttpRequest head) {
        if (head.decoderResult().isFailure()) {
            fail(400, "malformed HTTP request: " + head.decoderResult().cause().getMessage(), true);
            return;
        }
        if (exchangeOpen || requestOpen) {
            fail(400, "the weave proxy takes one request at a time per connection", true);
            return;
        }
        request = head;
        fromEngine.reset();
        call = ApiCall.classify(head.method().name(), ApiCall.pathOf(head.uri()));
        requestOpen = true;
        exchangeOpen = true;
        keepAlive = HttpUtil.isKeepAlive(head);
        String host = head.headers().get(HttpHeaderNames.HOST);
        if (host != null && host.startsWith("/")) {
            head.headers().set(HttpHeaderNames.HOST, "");   // old clients sent the socket path
        }
        if (interceptor.rewritesRequest(call)) {
            heldRequest = new HeldMessage(head, limits.maxHeldBody());
        } else {
            toEngine(head);
        }
    }

    private void requestContent(HttpContent content) {
        if (!requestOpen) {
            content.release();
            return;
        }
        if (content.decoderResult().isFailure()) {
            content.release();
            fail(400, "malformed HTTP request body: " + content.decoderResult().cause().getMessage(), true);
            return;
        }
        boolean last = content instanceof LastHttpContent;
        if (heldRequest == null) {
            toEngine(content);
            requestOpen = !last;
            return;
        }
        if (!heldRequest.add(content)) {
            heldRequest.release();
            heldRequest = null;
            fail(413, "request body too large for the weave proxy (more than " + limits.maxHeldBody() + " bytes)", true);
            return;
        }
        if (last) {
            requestOpen = false;
            HeldMessage held = heldRequest;
            heldRequest = null;
            HttpRequest head = (HttpRequest) held.head();
            byte[] body = held.bytes();
            held.release();
            stage(() -> interceptor.rewriteRequest(call, head.uri(), body), rewritten -> {
                FullHttpRequest full = new DefaultFullHttpRequest(head.protocolVersion(), head.method(), head.uri(),
                        Unpooled.wrappedBuffer(rewritten));
                full.headers().set(head.headers());
                full.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
                full.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, rewritten.length);
                toEngine(full);
                if (backend != null) {
                    backend.flush();
                }
            });
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (backend != null) {
            backend.flush();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        updateReading();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelInputShutdownEvent) {
            if (discarding) {
                client.close();
            }
            clientInputShut = true;
            keepAlive = false;
            if (!exchangeOpen) {
                closeAll();
            }
            updateReading();
        } else if (event instanceof IdleStateEvent && !exchangeOpen) {
            LOG.debug("closing {}: idle between requests", client);
            closeAll();
        }
        ReferenceCountUtil.release(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!hijacked) {
            closeAll();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("client connection {}: {}", client, cause.toString());
        closeAll();
    }

    // ---- to the engine

    private void toEngine(HttpObject msg) {
        if (backend != null && backend.isActive()) {
            backend.write(msg);
            return;
        }
        waiting.add(msg);
        if (!connecting) {
            connecting = true;
            engine.connect(client.eventLoop(), this).addListener((ChannelFuture f) -> connected(f));
        }
    }

    private void connected(ChannelFuture f) {
        connecting = false;
        if (!f.isSuccess()) {
            waiting.forEach(ReferenceCountUtil::release);
            waiting.clear();
            fail(502, "cannot reach the Docker engine at " + engine.endpoint().text() + ": "
                    + f.cause().getMessage(), true);
            return;
        }
        backend = f.channel();
        if (!client.isActive()) {
            backend.close();
            return;
        }
        while (!waiting.isEmpty()) {
            backend.write(waiting.poll());
        }
        backend.flush();
        updateReading();
    }

    // ---- from the engine (EngineHandler)

    void engineHead(HttpResponse head) {
        if (!exchangeOpen || busy) {
            return;
        }
        int code = head.status().code();
        if (code == 101 || call.mayHijack() && code == 200 && isRawStream(head)) {
            hijack(head);
            return;
        }
        if (head.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
            interim = true;
            client.write(head);
            return;
        }
        if (!HttpUtil.isKeepAlive(head) || endsWithTheConnection(head)) {
            keepAlive = false;
        }
        if (interceptor.holdsResponse(call, code)) {
            heldResponse = new HeldMessage(head, limits.maxHeldBody());
            return;
        }
        client.write(head);
    }

    void engineContent(HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        if (interim) {
            client.write(content);
            interim = !last;
            return;
        }
        if (hijacked || !exchangeOpen || busy) {
            content.release();
            return;
        }
        if (heldResponse == null) {
            fromEngine.read(content.content().readableBytes());
            client.write(content);
            if (last) {
                endExchange();
            }
            return;
        }
        if (!heldResponse.add(content)) {
            // too large to rewrite: pass it on unchanged
            HeldMessage held = heldResponse;
            heldResponse = null;
            client.write(held.head());
            ByteBuf sofar = held.takeBody();
            client.write(last ? new DefaultLastHttpContent(sofar) : new DefaultHttpContent(sofar));
            if (last) {
                endExchange();
            }
            return;
        }
        if (last) {
            HeldMessage held = heldResponse;
            heldResponse = null;
            HttpResponse head = (HttpResponse) held.head();
            byte[] body = held.bytes();
            held.release();
            stage(() -> interceptor.rewriteResponse(call, head.status().code(), body), rewritten -> {
                FullHttpResponse full = new DefaultFullHttpResponse(head.protocolVersion(), head.status(),
                        Unpooled.wrappedBuffer(rewritten));
                full.headers().set(head.headers());
                full.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
                if (rewritten.length > 0 || head.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
                    full.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, rewritten.length);
                }
                client.write(full);
                endExchange();
            });
        }
    }

    void engineReadComplete() {
        client.flush();
        pace(fromEngine);
    }

    private void pace(ReadPacer pacer) {
        if (!pacer.endBatch()) {
            return;
        }
        updateReading();
        client.eventLoop().schedule(() -> {
            pacer.resumed();
            updateReading();
        }, ReadPacer.PAUSE_NANOS, TimeUnit.NANOSECONDS);
    }

    void engineClosed() {
        if (hijacked) {
            return;
        }
        backend = null;
        if (exchangeOpen && !busy && heldResponse == null) {
            LOG.debug("engine closed the connection before answering {} completely", request == null ? "" : request.uri());
            closeAll();
        }
    }

    void engineFailed(Throwable cause) {
        LOG.debug("engine connection for {}: {}", client, cause.toString());
        if (backend != null) {
            backend.close();
        }
    }

    // ---- state

    private void endExchange() {
        exchangeOpen = false;
        call = ApiCall.OTHER;
        request = null;
        if (!keepAlive) {
            closeAll();
            return;
        }
        client.flush();
        updateReading();
    }

    /** Reads from a side only when the other can take what comes, and a new request only after the last answer. */
    void updateReading() {
        if (hijacked || !client.isActive()) {
            return;
        }
        if (discarding) {
            client.config().setAutoRead(true);
            return;
        }
        boolean engineWritable = backend != null && backend.isActive() && backend.isWritable();
        boolean readClient = requestOpen ? heldRequest != null || engineWritable : !exchangeOpen && !busy;
        client.config().setAutoRead(readClient && !clientInputShut);
        if (backend != null) {
            backend.config().setAutoRead(client.isWritable() && !fromEngine.paused());
        }
    }

    private interface Stage {
        CompletionStage<byte[]> start();
    }

    /** Runs an interceptor stage; its result continues on the event loop, its failure is answered. */
    private void stage(Stage stage, Consumer<byte[]> then) {
        busy = true;
        updateReading();
        CompletionStage<byte[]> running;
        try {
            running = stage.start();
        } catch (RuntimeException e) {
            busy = false;
            answerFailure(e);
            return;
        }
        running.whenComplete((result, error) -> client.eventLoop().execute(() -> {
            busy = false;
            if (!client.isActive()) {
                return;
            }
            if (error != null) {
                answerFailure(error);
            } else {
                then.accept(result);
            }
            updateReading();
        }));
    }

    private void answerFailure(Throwable error) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (e instanceof ProxyException p) {
            fail(p.status(), p.getMessage(), false);
        } else {
            LOG.warn("{} {}: {}", request == null ? "" : request.method(), request == null ? "" : request.uri(),
                    e.toString());
            fail(500, e.getMessage() == null ? e.toString() : e.getMessage(), false);
        }
    }

    /** Answers the current request with an error of the proxy's own. */
    private void fail(int status, String message, boolean close) {
        boolean closing = close || !keepAlive || requestOpen;
        ChannelFuture sent = client.writeAndFlush(ErrorResponses.of(status, message, closing));
        exchangeOpen = false;
        requestOpen = false;
        call = ApiCall.OTHER;
        if (closing) {
            lingeringClose(sent);
            if (backend != null) {
                backend.close();
            }
        }
    }

    /**
     * Ends the connection after an error answer without losing it: closing with unread request
     * bytes would reset the connection before the client reads the answer, so the proxy stops
     * sending, drops what still comes, and closes when the client does (or after a few seconds).
     */
    private void lingeringClose(ChannelFuture sent) {
        discarding = true;
        sent.addListener((ChannelFuture f) -> {
            if (!(client instanceof DuplexChannel duplex) || client.pipeline().get("tls") != null) {
                client.close();
                return;
            }
            duplex.shutdownOutput();
            client.eventLoop().schedule(() -> client.close(), LINGER_SECONDS, TimeUnit.SECONDS);
        });
        updateReading();
    }

    private void hijack(HttpResponse head) {
        hijacked = true;
        exchangeOpen = false;
        Channel engineSide = backend;
        Tunnel.open(client, engineSide);
        if (client.pipeline().get("idle") != null) {
            client.pipeline().remove("idle");
        }
        client.pipeline().remove("http");
        client.writeAndFlush(RawHead.encode(head));
        engineSide.pipeline().remove("http");
    }

    private void closeAll() {
        waiting.forEach(ReferenceCountUtil::release);
        waiting.clear();
        if (heldRequest != null) {
            heldRequest.release();
            heldRequest = null;
        }
        if (heldResponse != null) {
            heldResponse.release();
            heldResponse = null;
        }
        if (client.isActive()) {
            client.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
        if (backend != null) {
            backend.close();
        }
    }

    private static boolean isRawStream(HttpResponse head) {
        String type = head.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
        return type.startsWith("application/vnd.docker.raw-stream")
                || type.startsWith("application/vnd.docker.multiplexed-stream");
    }

    /** A body with neither length nor chunks runs until the engine closes the connection. */
    private boolean endsWithTheConnection(HttpResponse head) {
        int code = head.status().code();
        if (code == 204 || code == 304 || request != null && HttpMethod.HEAD.equals(request.method())) {
            return false;
        }
        return !HttpUtil.isContentLengthSet(head) && !HttpUtil.isTransferEncodingChunked(head);
    }
}
