package dev.weft.router.http;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.util.concurrent.ThreadFactory;

/**
 * Netty's native epoll transport where it loads (Linux, the router's home), else the JDK's NIO:
 * the event loop and the server channel classes for TCP and unix sockets.
 */
record NettyTransport(IoHandlerFactory ioHandlers, Class<? extends ServerChannel> tcp,
                      Class<? extends ServerChannel> unix, boolean epoll) {

    static NettyTransport best() {
        if (Epoll.isAvailable()) {
            return new NettyTransport(EpollIoHandler.newFactory(), EpollServerSocketChannel.class,
                    EpollServerDomainSocketChannel.class, true);
        }
        return new NettyTransport(NioIoHandler.newFactory(), NioServerSocketChannel.class,
                NioServerDomainSocketChannel.class, false);
    }

    EventLoopGroup eventLoop(ThreadFactory threads) {
        return new MultiThreadIoEventLoopGroup(1, threads, ioHandlers);
    }

    Class<? extends ServerChannel> serverChannel(ListenAddress address) {
        return address.isUnix() ? unix : tcp;
    }

    SocketAddress bindAddress(ListenAddress address) {
        if (!address.isUnix()) {
            return address.socketAddress();
        }
        return epoll ? new DomainSocketAddress(address.path()) : UnixDomainSocketAddress.of(address.path());
    }
}
