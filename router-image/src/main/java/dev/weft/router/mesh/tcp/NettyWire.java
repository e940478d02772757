package dev.weft.router.mesh.tcp;

import dev.weft.router.mesh.Actor;
import dev.weft.router.mesh.Wire;
import dev.weft.router.mesh.WireListener;
import dev.weft.router.mesh.wire.FrameCodec;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A mesh connection over a netty channel: frames from {@link MeshFrameDecoder} go to the listener on
 * the channel's event loop; writes are flushed once per batch; a peer that stops reading while more
 * than {@link #MAX_PENDING_BYTES} wait to be sent is disconnected.
 */
final class NettyWire extends ChannelInboundHandlerAdapter implements Wire {

    static final long MAX_PENDING_BYTES = 32L * 1024 * 1024;

    private final Channel channel;
    private final NettyActor actor;
    private final AtomicBoolean flushQueued = new AtomicBoolean();
    private final Queue<Runnable> writableWaiters = new ArrayDeque<>();
    private WireListener listener;
    private String closeReason;
    private boolean closedReported;

    NettyWire(Channel channel) {
        this.channel = channel;
        this.actor = new NettyActor(channel.eventLoop());
    }

    @Override
    public Actor actor() {
        return actor;
    }

    @Override
    public void start(WireListener listener) {
        this.listener = listener;
        if (!channel.isActive()) {
            reportClosed();
            return;
        }
        channel.config().setAutoRead(true);
        channel.read();
    }

    @Override
    public void sendRaw(byte[] bytes) {
        write(Unpooled.wrappedBuffer(bytes));
    }

    @Override
    public void send(byte[] message) {
        write(Unpooled.wrappedBuffer(FrameCodec.lengthPrefix(message.length), message));
    }

    private void write(io.netty.buffer.ByteBuf buf) {
        ChannelOutboundBuffer pending = channel.unsafe().outboundBuffer();
        if (pending != null && pending.totalPendingWriteBytes() > MAX_PENDING_BYTES) {
            buf.release();
            actor.execute(() -> fail("the peer has not read " + MAX_PENDING_BYTES / (1024 * 1024)
                    + " MiB sent to it (stalled, or too slow)"));
            return;
        }
        channel.write(buf, channel.voidPromise());
        if (flushQueued.compareAndSet(false, true)) {
            channel.eventLoop().execute(() -> {
                flushQueued.set(false);
                channel.flush();
            });
        }
    }

    @Override
    public boolean isWritable() {
        return channel.isWritable();
    }

    @Override
    public void whenWritable(Runnable task) {
        actor.execute(() -> {
            if (channel.isWritable() || !channel.isActive()) {
                task.run();
            } else {
                writableWaiters.add(task);
            }
        });
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) channel.remoteAddress();
    }

    @Override
    public void close() {
        channel.close();
    }

    private void fail(String reason) {
        if (closeReason == null) {
            closeReason = reason;
        }
        channel.close();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (listener != null && msg instanceof byte[] frame) {
            listener.onFrame(frame);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        while (channel.isWritable() && !writableWaiters.isEmpty()) {
            writableWaiters.poll().run();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause instanceof io.netty.handler.codec.DecoderException && cause.getCause() != null
                ? cause.getCause() : cause;
        String message = root.getMessage() == null ? root.toString() : root.getMessage();
        fail(root instanceof IOException ? "connection error: " + message : message);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        reportClosed();
        while (!writableWaiters.isEmpty()) {
            writableWaiters.poll().run();
        }
        ctx.fireChannelInactive();
    }

    private void reportClosed() {
        if (closedReported || listener == null) {
            return;
        }
        closedReported = true;
        listener.onClosed(closeReason);
    }
}
