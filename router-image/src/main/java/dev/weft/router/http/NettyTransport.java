package dev.weft.router.http;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.SocketAddress;
import java.util.concurrent.ThreadFactory;

/** Netty's native epoll transport where it loads (Linux, the router's home), else the JDK's NIO. */
record NettyTransport(IoHandlerFactory ioHandlers, Class<? extends ServerChannel> tcp, boolean epoll) {

    static NettyTransport best() {
        if (Epoll.isAvailable()) {
            return new NettyTransport(EpollIoHandler.newFactory(), EpollServerSocketChannel.class, true);
        }
        return new NettyTransport(NioIoHandler.newFactory(), NioServerSocketChannel.class, false);
    }

    EventLoopGroup eventLoop(ThreadFactory threads) {
        return new MultiThreadIoEventLoopGroup(1, threads, ioHandlers);
    }

    Class<? extends ServerChannel> serverChannel(ListenAddress address) {
        return tcp;
    }

    SocketAddress bindAddress(ListenAddress address) {
        return address.socketAddress();
    }
}
