package dev.weft.router.http;

import dev.weft.router.concurrent.DaemonThreads;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listening HTTP endpoint of the router serving a view of the {@link RouteTable}, on netty:
 * one event-loop thread reads and writes every connection, so a slow or hostile client costs no
 * thread; whole requests go to a pool of workers (handlers may block, e.g. an IPAM allocation
 * waiting for space) that grows on demand up to {@link HttpLimits#workers()} and answers 503 beyond.
 * Sizes and times are bounded by {@link HttpLimits}: bodies (413, from netty's aggregator), request
 * line (414) and headers (431), the time a request may take to arrive (408) and connection count.
 * Listens on TCP or on a unix socket ({@link ListenAddress#isUnix()}).
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private final String name;
    private final ListenAddress address;
    private final Channel channel;
    private final EventLoopGroup loop;
    private final ThreadPoolExecutor workers;

    private ApiServer(String name, ListenAddress address, Channel channel, EventLoopGroup loop,
                      ThreadPoolExecutor workers) {
        this.name = name;
        this.address = address;
        this.channel = channel;
        this.loop = loop;
        this.workers = workers;
    }

    /** Binds {@code address} and starts serving {@code routes}; the name appears in thread names and errors. */
    public static ApiServer start(String name, ListenAddress address, RouteTable routes) throws IOException {
        return start(name, address, routes, HttpLimits.DEFAULT);
    }

    public static ApiServer start(String name, ListenAddress address, RouteTable routes, HttpLimits limits)
            throws IOException {
        NettyTransport transport = NettyTransport.best();
        EventLoopGroup loop = transport.eventLoop(DaemonThreads.numbered("http-" + name + "-io"));
        ThreadPoolExecutor workers = new ThreadPoolExecutor(0, limits.workers(), 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), DaemonThreads.numbered("http-" + name), new ThreadPoolExecutor.AbortPolicy());
        RouteInvoker invoker = new RouteInvoker(routes);
        ConnectionCount connections = new ConnectionCount(name, limits.maxConnections());
        ServerBootstrap bootstrap = new ServerBootstrap().group(loop).channel(transport.serverChannel(address))
                .option(ChannelOption.SO_BACKLOG, 128)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.ALLOCATOR, UnpooledByteBufAllocator.DEFAULT)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (!connections.admit(ch)) {
                            ch.close();
                            return;
                        }
                        ch.pipeline()
                                .addLast("timer", new RequestTimer(limits.requestDeadline(), limits.idleTimeout()))
                                .addLast("codec", new HttpServerCodec(limits.maxLineBytes(), limits.maxHeaderBytes(), 8192))
                                .addLast("aggregator", new HttpObjectAggregator(limits.maxBodyBytes()))
                                .addLast("dispatcher", new HttpDispatcher(invoker, workers, name, limits));
                    }
                });
        if (!address.isUnix()) {
            bootstrap.option(ChannelOption.SO_REUSEADDR, true);
        }
        try {
            if (address.isUnix()) {
                UnixSocketFile.prepare(Path.of(address.path()));
            }
            Channel channel = bootstrap.bind(transport.bindAddress(address)).sync().channel();
            return new ApiServer(name, address, channel, loop, workers);
        } catch (Exception e) {
            loop.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            workers.shutdownNow();
            throw new IOException("cannot listen on " + address + " for the " + name + " API: " + e.getMessage(), e);
        }
    }

    /** The bound TCP address (the real port when port 0 was asked for); null for a unix socket. */
    public InetSocketAddress address() {
        SocketAddress local = channel.localAddress();
        return local instanceof InetSocketAddress inet ? inet : null;
    }

    /** Where it listens, for log lines. */
    public String endpoint() {
        InetSocketAddress inet = address();
        return inet != null ? inet.getAddress().getHostAddress() + ":" + inet.getPort() : String.valueOf(channel.localAddress());
    }

    public String name() {
        return name;
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        loop.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        workers.shutdownNow();
        if (address.isUnix()) {
            UnixSocketFile.remove(Path.of(address.path()));
        }
    }


    /** Open connections of one server: past the limit a new one is closed at once (one log line per 10 s). */
    private static final class ConnectionCount {
        private final String server;
        private final int max;
        private final AtomicInteger open = new AtomicInteger();
        private final AtomicLong lastWarned = new AtomicLong();

        ConnectionCount(String server, int max) {
            this.server = server;
            this.max = max;
        }

        boolean admit(Channel ch) {
            if (open.incrementAndGet() > max) {
                open.decrementAndGet();
                long now = System.nanoTime();
                long last = lastWarned.get();
                if (now - last > TimeUnit.SECONDS.toNanos(10) && lastWarned.compareAndSet(last, now)) {
                    LOG.warn("{} API: {} connections open; refusing more", server, max);
                }
                return false;
            }
            ch.closeFuture().addListener(f -> open.decrementAndGet());
            return true;
        }
    }
}
