package dev.weft.router.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the time a client may hold a connection without giving the router work: a request must
 * arrive whole within {@code requestDeadline} of its first byte (else 408 and close: a slowloris
 * client cannot hold a connection by trickling bytes), and a connection with no request under way
 * is closed after {@code idleTimeout}. Sits first in the pipeline, where the raw bytes arrive; the
 * dispatcher reports the rest through {@link ExchangeEvent}s. No timer runs while a handler works.
 */
final class RequestTimer extends ChannelInboundHandlerAdapter {
    private enum State { IDLE, RECEIVING, ANSWERING }

    private final Duration requestDeadline;
    private final Duration idleTimeout;
    private State state = State.IDLE;
    private ScheduledFuture<?> timer;

    RequestTimer(Duration requestDeadline, Duration idleTimeout) {
        this.requestDeadline = requestDeadline;
        this.idleTimeout = idleTimeout;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        waitForRequest(ctx);
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (state == State.IDLE && msg instanceof ByteBuf bytes && bytes.isReadable()) {
            state = State.RECEIVING;
            schedule(ctx, requestDeadline, () -> requestTooSlow(ctx));
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == ExchangeEvent.REQUEST_RECEIVED) {
            state = State.ANSWERING;
            cancel();
        } else if (evt == ExchangeEvent.RESPONSE_SENT) {
            waitForRequest(ctx);
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
    }

    private void waitForRequest(ChannelHandlerContext ctx) {
        state = State.IDLE;
        schedule(ctx, idleTimeout, ctx::close);
    }

    private void requestTooSlow(ChannelHandlerContext ctx) {
        if (state != State.RECEIVING) {
            return;
        }
        ByteBuf body = Unpooled.copiedBuffer("request not received whole within " + requestDeadline.toSeconds()
                + " s\n", StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.REQUEST_TIMEOUT, body);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN + "; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        // through the whole pipeline, so that the codec behind this handler encodes it
        ctx.channel().writeAndFlush(response).addListener(f -> ctx.close());
    }

    private void schedule(ChannelHandlerContext ctx, Duration delay, Runnable action) {
        cancel();
        timer = ctx.executor().schedule(action, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
