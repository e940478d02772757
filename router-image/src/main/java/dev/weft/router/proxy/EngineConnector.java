package dev.weft.router.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;

/** Opens connections to the Docker engine, each on the event loop of the client connection it serves. */
final class EngineConnector {
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 << 10, 1 << 20);

    /** Reads of up to 256 KiB, so that a paced bulk body ({@link ReadPacer}) comes in one read, not four. */
    static RecvByteBufAllocator readSizes() {
        return new AdaptiveRecvByteBufAllocator(512, 16 << 10, 256 << 10);
    }

    private final Endpoint engine;
    private final ProxyLimits limits;

    EngineConnector(Endpoint engine, ProxyLimits limits) {
        this.engine = engine;
        this.limits = limits;
    }

    Endpoint endpoint() {
        return engine;
    }

    ChannelFuture connect(EventLoop loop, ClientHandler client) {
        return new Bootstrap()
                .group(loop)
                .channel(engine.unix() ? EpollDomainSocketChannel.class : EpollSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) limits.engineConnect().toMillis())
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .option(ChannelOption.RCVBUF_ALLOCATOR, readSizes())
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        HttpDecoderConfig config = new HttpDecoderConfig()
                                .setMaxInitialLineLength(ProxyLimits.MAX_INITIAL_LINE)
                                .setMaxHeaderSize(ProxyLimits.MAX_HEADER_SIZE)
                                .setMaxChunkSize(ProxyLimits.MAX_CHUNK);
                        ch.pipeline().addLast("http", new HttpClientCodec(config, false, false));
                        ch.pipeline().addLast("relay", new EngineHandler(client));
                    }
                })
                .connect(engine.socketAddress());
    }
}
