package dev.weft.router.http;

import dev.weft.router.api.ApiResponse;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the whole requests of one connection, one at a time and in order: each runs on a worker
 * thread (handlers may block), its answer is written back on the connection's event loop. A client
 * that pipelines many requests is not read from while {@link HttpLimits#maxPipelined()} wait. When no
 * worker is free the answer is 503 with the reason, at once. When the client closes or stops
 * sending while its request is being answered, the request's {@link ChannelClientLink} says so.
 */
final class HttpDispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(HttpDispatcher.class);

    private record Received(String method, String uri, Map<String, String> headers, byte[] body, boolean keepAlive,
                            boolean head, int majorVersion, DecoderResult decoded) {}

    private final RouteInvoker invoker;
    private final Executor workers;
    private final String busyMessage;
    private final HttpLimits limits;
    private final Queue<Received> queued = new ArrayDeque<>();
    private boolean answering;
    private boolean inputShut;
    private ChannelClientLink current;

    HttpDispatcher(RouteInvoker invoker, Executor workers, String serverName, HttpLimits limits) {
        this.invoker = invoker;
        this.workers = workers;
        this.limits = limits;
        this.busyMessage = "the router is busy: all " + limits.workers() + " workers of its " + serverName
                + " API are answering other requests; try again\n";
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        Received received = receive(request);
        if (!answering) {
            start(ctx, received);
            return;
        }
        queued.add(received);
        if (queued.size() >= limits.maxPipelined()) {
            ctx.channel().config().setAutoRead(false); // what one read brought is queued; no more is read until it drains
        }
    }

    private static Received receive(FullHttpRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : request.headers()) {
            headers.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
        }
        String method = request.method().name();
        return new Received(method, request.uri(), headers, ByteBufUtil.getBytes(request.content()),
                HttpUtil.isKeepAlive(request), "HEAD".equals(method), request.protocolVersion().majorVersion(),
                request.decoderResult());
    }

    private void start(ChannelHandlerContext ctx, Received received) {
        answering = true;
        ctx.pipeline().fireUserEventTriggered(ExchangeEvent.REQUEST_RECEIVED);
        if (received.decoded().isFailure()) {
            respond(ctx, received, malformed(received.decoded().cause()), false);
            return;
        }
        if (received.majorVersion() != 1) {
            respond(ctx, received, ApiResponse.text(505, "HTTP version not supported\n"), false);
            return;
        }
        ChannelClientLink link = new ChannelClientLink();
        current = link;
        if (inputShut) {
            link.gone();
        }
        try {
            workers.execute(() -> {
                ApiResponse response = invoker.answer(received.method(), received.uri(), received.headers(),
                        received.body(), link);
                try {
                    ctx.executor().execute(() -> respond(ctx, received, response, received.keepAlive()));
                } catch (RejectedExecutionException e) {
                    // the server is closing: nobody to answer
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.warn("{} {}: answered 503, {}", received.method(), received.uri(), busyMessage.strip());
            respond(ctx, received, ApiResponse.text(503, busyMessage), received.keepAlive());
        }
    }

    private static ApiResponse malformed(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return ApiResponse.text(414, "request line too long\n");
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return ApiResponse.text(431, "request headers too large\n");
        }
        String why = cause instanceof TooLongFrameException || cause == null || cause.getMessage() == null
                ? String.valueOf(cause) : cause.getMessage();
        return ApiResponse.text(400, "malformed request: " + RouteInvoker.oneLine(why));
    }

    private void respond(ChannelHandlerContext ctx, Received received, ApiResponse response, boolean keepAlive) {
        current = null;
        boolean keep = keepAlive && !inputShut && ctx.channel().isActive();
        boolean empty = response.body().length == 0 || response.status() == 204;
        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()),
                empty || received.head() ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(response.body()));
        out.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
        if (response.status() != 204) {
            out.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, empty ? 0 : response.body().length);
        }
        if (!keep) {
            out.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        ctx.writeAndFlush(out).addListener(written -> {
            if (!keep || !written.isSuccess()) {
                ctx.close();
            } else {
                next(ctx);
            }
        });
    }

    private void next(ChannelHandlerContext ctx) {
        answering = false;
        Received waiting = queued.poll();
        if (queued.size() < limits.maxPipelined() / 2 && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
        if (waiting != null) {
            start(ctx, waiting);
        } else if (inputShut) {
            ctx.close();
        } else {
            ctx.pipeline().fireUserEventTriggered(ExchangeEvent.RESPONSE_SENT);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof ChannelInputShutdownEvent) {
            inputShut = true;
            if (current != null) {
                current.gone();
            } else if (!answering) {
                ctx.close();
            }
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        queued.clear();
        if (current != null) {
            current.gone();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("API connection {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
