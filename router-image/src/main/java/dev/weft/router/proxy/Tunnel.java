package dev.weft.router.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;

/**
 * A hijacked connection ({@code docker attach}, {@code run -it}, {@code exec -it}): after the
 * engine's answer the client and the engine talk raw bytes both ways. Each side's bytes go to the
 * other as they come, reading stops while the other side cannot take more, and when one side
 * finishes sending (half-close) the other side's output is shut too, so that e.g. the end of
 * stdin reaches the container while its output keeps flowing. When both directions are done, or
 * either connection drops, both are closed. Both channels run on one event loop.
 */
final class Tunnel {
    private final Channel client;
    private final Channel engine;
    private boolean clientDone;
    private boolean engineDone;
    private boolean closed;

    private Tunnel(Channel client, Channel engine) {
        this.client = client;
        this.engine = engine;
    }

    /** Puts a tunnel handler in place of each side's relay handler (named {@code relay}). */
    static void open(Channel client, Channel engine) {
        Tunnel t = new Tunnel(client, engine);
        client.pipeline().replace("relay", "tunnel", t.new Side(engine));
        engine.pipeline().replace("relay", "tunnel", t.new Side(client));
        client.config().setAutoRead(engine.isWritable());
        engine.config().setAutoRead(client.isWritable());
    }

    private boolean isDone(Channel ch) {
        return ch == client ? clientDone : engineDone;
    }

    private void inputEnded(Channel from, Channel to) {
        if (from == client) {
            clientDone = true;
        } else {
            engineDone = true;
        }
        if (clientDone && engineDone) {
            closeBoth();
            return;
        }
        to.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) f -> {
            if (to.pipeline().get(SslHandler.class) != null || !(to instanceof DuplexChannel duplex)) {
                to.close();   // TLS has no half-close of its own: end the session with close_notify
            } else if (to.isActive()) {
                duplex.shutdownOutput();
            }
        });
    }

    private void closeBoth() {
        if (closed) {
            return;
        }
        closed = true;
        client.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        engine.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    private final class Side extends ChannelInboundHandlerAdapter {
        private final Channel peer;

        Side(Channel peer) {
            this.peer = peer;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf bytes = null;
            if (msg instanceof ByteBuf b) {
                bytes = b;
            } else if (msg instanceof HttpContent c) {
                bytes = c.content();   // what the codec decoded before it was removed
            }
            if (bytes == null || !bytes.isReadable()) {
                ReferenceCountUtil.release(msg);
                return;
            }
            peer.write(bytes);
            if (!peer.isWritable()) {
                ctx.channel().config().setAutoRead(false);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            peer.flush();
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable() && !isDone(peer)) {
                peer.config().setAutoRead(true);
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof ChannelInputShutdownEvent) {
                ctx.channel().config().setAutoRead(false);
                inputEnded(ctx.channel(), peer);
            }
            ReferenceCountUtil.release(event);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            closeBoth();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            closeBoth();
        }
    }
}
