package dev.weft.router.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One listening HTTP endpoint of the router serving a view of the {@link RouteTable}.
 *
 * <p>Some handlers block for a long time (an IPAM allocation waits for free space), so the pool
 * grows on demand up to {@link #MAX_THREADS}: a new thread only when every thread is busy, idle
 * threads retire after 30 s, and only past that many concurrent calls does the dispatcher wait for
 * a thread to come free.
 */
public final class ApiServer implements AutoCloseable {

    static final int MAX_THREADS = 64;

    private final String name;
    private final HttpServer server;
    private final ExecutorService pool;

    private ApiServer(String name, HttpServer server, ExecutorService pool) {
        this.name = name;
        this.server = server;
        this.pool = pool;
    }

    /** Binds {@code address} and starts serving {@code routes}; the name appears in thread names and errors. */
    public static ApiServer start(String name, ListenAddress address, RouteTable routes) throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(address.socketAddress(), 64);
        } catch (IOException e) {
            throw new IOException("cannot listen on " + address + " for the " + name + " API: " + e.getMessage(), e);
        }
        ThreadPoolExecutor pool = new ThreadPoolExecutor(0, MAX_THREADS, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), threads(name), ApiServer::waitForAFreeThread);
        server.setExecutor(pool);
        server.createContext("/", new ApiExchangeHandler(routes));
        server.start();
        return new ApiServer(name, server, pool);
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    public String name() {
        return name;
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }

    private static void waitForAFreeThread(Runnable task, ThreadPoolExecutor pool) {
        if (pool.isShutdown()) {
            throw new RejectedExecutionException("the server is closed");
        }
        try {
            pool.getQueue().put(task);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RejectedExecutionException("interrupted while waiting for a free thread", e);
        }
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "http-" + name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
