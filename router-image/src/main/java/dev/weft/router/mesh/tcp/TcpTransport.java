package dev.weft.router.mesh.tcp;

import dev.weft.router.concurrent.DaemonThreads;
import dev.weft.router.mesh.ConnectionFailure;
import dev.weft.router.mesh.MeshException;
import dev.weft.router.mesh.TokenBucket;
import dev.weft.router.mesh.Transport;
import dev.weft.router.mesh.Wire;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mesh over TCP (port 6783), on netty with its native epoll transport (NIO where epoll is not
 * available): one event-loop thread serves every connection. Accepts are limited by a token bucket
 * (20, one per 50 ms) by pausing the listening socket; dials time out; host names are resolved on a
 * separate thread so a slow resolver never stalls the mesh.
 */
public final class TcpTransport implements Transport {

    private static final Logger LOG = LoggerFactory.getLogger(TcpTransport.class);
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Duration RESOLVE_TIMEOUT = Duration.ofSeconds(10);

    private final int minVersion;
    private final int maxVersion;
    private final Duration connectTimeout;
    private final EventLoopGroup group;
    private final boolean epoll;
    private final ExecutorService resolver = Executors.newSingleThreadExecutor(DaemonThreads.named("mesh-resolver"));
    private final TokenBucket accepts = TokenBucket.forAccepts(System.nanoTime());
    private Channel server;

    public TcpTransport(int minVersion, int maxVersion, Duration connectTimeout) {
        this.minVersion = minVersion;
        this.maxVersion = maxVersion;
        this.connectTimeout = connectTimeout;
        this.epoll = Epoll.isAvailable();
        this.group = new MultiThreadIoEventLoopGroup(1, DaemonThreads.named("mesh-io"), epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        if (!epoll) {
            LOG.info("mesh: native epoll unavailable ({}); using NIO", Epoll.unavailabilityCause().toString());
        }
    }

    @Override
    public void listen(String host, int port, Consumer<Wire> acceptor) throws IOException {
        ServerBootstrap b = new ServerBootstrap().group(group)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 128)
                .option(ChannelOption.SO_REUSEADDR, true)
                .handler(new AcceptLimiter())
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        NettyWire wire = pipeline(ch);
                        acceptor.accept(wire);
                    }
                });
        InetSocketAddress address = host == null || host.isEmpty() ? new InetSocketAddress(port)
                : new InetSocketAddress(host, port);
        ChannelFuture bound = b.bind(address).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            Throwable cause = bound.cause();
            throw new IOException("cannot listen on " + (host == null || host.isEmpty() ? "*" : host) + ":" + port
                    + ": " + (cause == null ? "unknown error" : cause.getMessage()), cause);
        }
        server = bound.channel();
        LOG.info("mesh listening on {} ({})", server.localAddress(), epoll ? "epoll" : "nio");
    }

    /** The port actually bound (for tests that listen on port 0). */
    public int boundPort() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    private NettyWire pipeline(SocketChannel ch) {
        NettyWire wire = new NettyWire(ch);
        ch.pipeline().addLast("frames", new MeshFrameDecoder(minVersion, maxVersion)).addLast("wire", wire);
        return wire;
    }

    @Override
    public CompletionStage<Wire> dial(InetSocketAddress remote, String localHost) {
        CompletableFuture<Wire> result = new CompletableFuture<>();
        String address = remote.getAddress().getHostAddress() + ":" + remote.getPort();
        Bootstrap b = new Bootstrap().group(group)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        result.complete(pipeline(ch));
                    }
                });
        ChannelFuture connect = localHost == null || localHost.isEmpty() ? b.connect(remote)
                : b.connect(remote, new InetSocketAddress(localHost, 0));
        CompletableFuture<Wire> connected = new CompletableFuture<>();
        connect.addListener(f -> {
            if (f.isSuccess()) {
                connected.complete(result.getNow(null));
            } else {
                connected.completeExceptionally(new MeshException(describe(f.cause(), address)));
            }
        });
        return connected;
    }

    /** A dial failure in words an operator can act on. */
    ConnectionFailure describe(Throwable cause, String address) {
        String message = String.valueOf(cause.getMessage());
        if (cause instanceof io.netty.channel.ConnectTimeoutException || message.contains("timed out")) {
            return ConnectionFailure.connectTimedOut(address, connectTimeout);
        }
        if (message.contains("Connection refused")) {
            return ConnectionFailure.refused(address);
        }
        if (cause instanceof NoRouteToHostException || message.contains("No route to host")
                || message.contains("Host is unreachable")) {
            return ConnectionFailure.unreachable(address, "no route to host");
        }
        if (message.contains("Network is unreachable")) {
            return ConnectionFailure.unreachable(address, "network unreachable");
        }
        if (cause instanceof ConnectException || cause instanceof SocketException) {
            return ConnectionFailure.retryable("cannot connect to " + address + ": " + message);
        }
        return ConnectionFailure.retryable("cannot connect to " + address + ": " + cause);
    }

    @Override
    public CompletionStage<InetAddress> resolve(String host) {
        if (IPV4.matcher(host).matches() || host.indexOf(':') >= 0) {
            try {
                return CompletableFuture.completedFuture(InetAddress.getByName(host)); // a literal: no look-up
            } catch (UnknownHostException e) {
                return CompletableFuture.failedFuture(new MeshException(
                        ConnectionFailure.retryable("invalid address " + host)));
            }
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                InetAddress[] all = InetAddress.getAllByName(host);
                return Arrays.stream(all).filter(a -> a instanceof Inet4Address).findFirst().orElse(all[0]);
            } catch (UnknownHostException e) {
                throw new java.util.concurrent.CompletionException(new MeshException(ConnectionFailure.retryable(
                        "lookup " + host + ": no such host (check the name, or the DNS of this host)")));
            }
        }, resolver).orTimeout(RESOLVE_TIMEOUT.toSeconds(), TimeUnit.SECONDS).exceptionallyCompose(e -> {
            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof java.util.concurrent.TimeoutException) {
                cause = new MeshException(ConnectionFailure.retryable("lookup " + host + ": timed out after "
                        + RESOLVE_TIMEOUT.toSeconds() + "s"));
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    @Override
    public boolean isOwnAddress(InetSocketAddress address, int meshPort) {
        if (address.getPort() != meshPort) {
            return false;
        }
        InetAddress ip = address.getAddress();
        if (ip == null) {
            return false;
        }
        if (ip.isLoopbackAddress() || ip.isAnyLocalAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(ip) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        resolver.shutdownNow();
    }

    /** Pauses accepting while the token bucket is empty: excess connections wait in the listen backlog. */
    private final class AcceptLimiter extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object child) {
            ctx.fireChannelRead(child);
            long now = System.nanoTime();
            if (!accepts.tryTake(now)) {
                ServerChannel listening = (ServerChannel) ctx.channel();
                listening.config().setAutoRead(false);
                ctx.executor().schedule(() -> listening.config().setAutoRead(true),
                        Math.max(1, accepts.nanosUntilToken(now)), TimeUnit.NANOSECONDS);
            }
        }
    }
}
