package dev.weft.router.proxy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Docker API proxy's listeners (SPEC §9.1): unix sockets and TCP ports, TCP with TLS when
 * configured, each connection served by a {@link ClientHandler} that forwards to the engine.
 * netty's epoll transport carries both kinds of socket and the hijacked streams, with half-close.
 */
public final class ProxyServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);

    private final EventLoopGroup group;
    private final List<Channel> listeners = new ArrayList<>();
    private final List<String> addresses = new ArrayList<>();
    private final List<Path> socketFiles = new ArrayList<>();

    private ProxyServer(EventLoopGroup group) {
        this.group = group;
    }

    /**
     * @param listen    the addresses to listen on, each with where it is really bound ({@link Endpoint#listenedOn})
     * @param tls       for TCP listeners; null for none
     * @param socketLike a file whose owner and mode new unix sockets copy (the engine's socket); null to leave them
     */
    public static ProxyServer start(List<Listen> listen, Endpoint engine, Interceptor interceptor, SslContext tls,
                                    ProxyLimits limits, Path socketLike, int threads) throws IOException {
        if (!Epoll.isAvailable()) {
            throw new IOException("the Docker API proxy needs netty's epoll transport: "
                    + Epoll.unavailabilityCause().getMessage());
        }
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("weave-proxy", true),
                EpollIoHandler.newFactory());
        ProxyServer server = new ProxyServer(group);
        try {
            EngineConnector connector = new EngineConnector(engine, limits);
            for (Listen l : listen) {
                server.bind(l, connector, interceptor, l.bound().unix() ? null : tls, limits, socketLike);
            }
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** One listener: the address as configured (reported by {@code /proxyaddrs}) and where it is bound. */
    public record Listen(Endpoint configured, Endpoint bound) {}

    private void bind(Listen listen, EngineConnector connector, Interceptor interceptor, SslContext tls,
                      ProxyLimits limits, Path socketLike) throws IOException {
        Endpoint at = listen.bound();
        if (at.unix()) {
            Path socket = Path.of(at.path());
            Files.createDirectories(socket.getParent());
            Files.deleteIfExists(socket);   // left by an earlier run
        }
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(at.unix() ? EpollServerDomainSocketChannel.class : EpollServerSocketChannel.class)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, EngineConnector.WATER_MARK)
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, EngineConnector.readSizes())
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (tls != null) {
                            ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast("idle", new IdleStateHandler(limits.idleClient().toSeconds(), 0, 0,
                                TimeUnit.SECONDS));
                        ch.pipeline().addLast("http", new HttpServerCodec(new HttpDecoderConfig()
                                .setMaxInitialLineLength(ProxyLimits.MAX_INITIAL_LINE)
                                .setMaxHeaderSize(ProxyLimits.MAX_HEADER_SIZE)
                                .setMaxChunkSize(ProxyLimits.MAX_CHUNK)));
                        ch.pipeline().addLast("relay", new ClientHandler(connector, interceptor, limits));
                    }
                });
        if (!at.unix()) {
            b.option(ChannelOption.SO_REUSEADDR, true);
        }
        Channel channel;
        try {
            channel = b.bind(at.socketAddress()).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while binding " + at.text(), e);
        } catch (Exception e) {
            throw new IOException("cannot listen on " + listen.configured().text() + ": " + e.getMessage(), e);
        }
        listeners.add(channel);
        if (at.unix()) {
            Path socket = Path.of(at.path());
            socketFiles.add(socket);
            SocketFiles.copyOwnerAndMode(socketLike, socket);
        }
        addresses.add(listen.configured().text());
        LOG.info("Docker API proxy listening on {}{}{}", listen.configured().text(),
                at.equals(listen.configured()) ? "" : " (at " + at.text() + ")", tls != null ? " with TLS" : "");
    }

    /** The configured addresses, for {@code /proxyaddrs}. */
    public List<String> addresses() {
        return List.copyOf(addresses);
    }

    /** The port a TCP listener got (for listeners on port 0 in tests). */
    int boundPort(int index) {
        return ((java.net.InetSocketAddress) listeners.get(index).localAddress()).getPort();
    }

    @Override
    public void close() {
        for (Channel c : listeners) {
            c.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        for (Path socket : socketFiles) {
            try {
                Files.deleteIfExists(socket);
            } catch (IOException e) {
                LOG.debug("cannot remove {}: {}", socket, e.getMessage());
            }
        }
    }
}
