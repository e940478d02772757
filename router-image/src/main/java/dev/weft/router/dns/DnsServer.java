package dev.weft.router.dns;

import dev.weft.router.api.BackgroundFailures;
import dev.weft.router.concurrent.DaemonThreads;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The DNS sockets: a few UDP receiver threads (sharing the port with SO_REUSEPORT) that answer local
 * names directly, a fixed pool that forwards the rest, and a TCP acceptor with a fixed pool of
 * connection handlers. No thread is created per query. The receive and accept loops pause after
 * socket errors ({@link SocketLoop}); a query that cannot be handled never pauses them.
 */
public final class DnsServer implements AutoCloseable {
    private static final int MAX_UDP_QUERY = 65535;
    private static final int FORWARD_THREADS = 8;
    private static final int TCP_THREADS = 8;
    private static final int PORT_ZERO_ATTEMPTS = 20;
    private static final long IDLE_THREAD_SECONDS = 60;
    /** From the previous answer (or the connection), the next query must have arrived whole within this. */
    private static final int TCP_QUERY_DEADLINE_MILLIS = 10_000;

    private final InetSocketAddress requested;
    private final DnsQueryHandler handler;
    private final Forwarder forwarder;
    private final int udpReceivers;
    private final BackgroundFailures failures;
    private final List<DatagramSocket> udpSockets = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Set<Socket> openConnections = ConcurrentHashMap.newKeySet();
    private ServerSocket tcpSocket;
    private ThreadPoolExecutor forwardPool;
    private ThreadPoolExecutor tcpPool;
    private volatile boolean closed;

    public DnsServer(InetSocketAddress listen, DnsQueryHandler handler, Forwarder forwarder, int udpReceivers,
                     BackgroundFailures failures) {
        this.failures = failures;
        this.requested = listen;
        this.handler = handler;
        this.forwarder = forwarder;
        this.udpReceivers = Math.max(1, udpReceivers);
    }

    /**
     * Binds UDP and then TCP on the same port (the UDP one when port 0 was asked for) and starts serving.
     * With port 0 the port the kernel picked for UDP may be taken for TCP: another one is tried then.
     */
    public synchronized void start() throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                bindAll();
                break;
            } catch (BindException e) {
                releaseSockets();
                if (requested.getPort() != 0 || attempt == PORT_ZERO_ATTEMPTS) {
                    close();
                    throw cannotListen(e);
                }
            } catch (IOException e) {
                close();
                throw cannotListen(e);
            }
        }
        forwardPool = pool("dns-forward", FORWARD_THREADS, 1024, new ThreadPoolExecutor.DiscardPolicy());
        tcpPool = pool("dns-tcp", TCP_THREADS, 64, new ThreadPoolExecutor.AbortPolicy());
        for (int i = 0; i < udpSockets.size(); i++) {
            DatagramSocket socket = udpSockets.get(i);
            startThread("dns-udp-" + i, () -> serveUdp(socket));
        }
        startThread("dns-tcp-accept", this::acceptTcp);
    }

    private void bindAll() throws IOException {
        DatagramSocket first = bindUdp(requested);
        InetSocketAddress bound = new InetSocketAddress(requested.getAddress(), first.getLocalPort());
        if (first.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
            for (int i = 1; i < udpReceivers; i++) {
                bindUdp(bound);
            }
        }
        tcpSocket = new ServerSocket();
        tcpSocket.setReuseAddress(true);
        tcpSocket.bind(bound, 128);
    }

    private void releaseSockets() {
        udpSockets.forEach(DatagramSocket::close);
        udpSockets.clear();
        if (tcpSocket != null) {
            try {
                tcpSocket.close();
            } catch (IOException e) {
                // closing anyway
            }
            tcpSocket = null;
        }
    }

    private IOException cannotListen(IOException e) {
        return new IOException("DNS server cannot listen on " + requested.getAddress().getHostAddress() + ":"
                + requested.getPort() + ": " + e.getMessage(), e);
    }

    public synchronized boolean isStarted() {
        return !udpSockets.isEmpty() && tcpSocket != null && !closed;
    }

    /** The bound address (the real port when port 0 was requested). */
    public InetSocketAddress address() {
        return new InetSocketAddress(requested.getAddress(), udpSockets.get(0).getLocalPort());
    }

    private DatagramSocket bindUdp(InetSocketAddress address) throws IOException {
        DatagramSocket socket = new DatagramSocket(null);
        udpSockets.add(socket);
        if (udpReceivers > 1 && socket.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
            socket.setOption(StandardSocketOptions.SO_REUSEPORT, true);
        }
        socket.bind(address);
        return socket;
    }

    private void serveUdp(DatagramSocket socket) {
        byte[] buffer = new byte[MAX_UDP_QUERY];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        new SocketLoop("DNS UDP receive on " + socket.getLocalSocketAddress(), () -> closed, failures).run(() -> {
            packet.setLength(buffer.length);
            socket.receive(packet);
            try {
                answerUdp(socket, buffer, packet.getLength(), packet.getSocketAddress());
            } catch (RuntimeException e) {
                // one bad query must not stop or slow the receiver; the client will time out
            }
        });
    }

    private void answerUdp(DatagramSocket socket, byte[] buffer, int length, SocketAddress client) {
        DnsQueryHandler.Outcome outcome = handler.handle(buffer, length, false);
        if (outcome.needsForwarding()) {
            byte[] raw = Arrays.copyOf(buffer, length);
            forwardPool.execute(() -> sendUdp(socket, client,
                    handler.forwarded(outcome.query(), forwarder.forward(raw, false), false)));
        } else if (outcome.reply() != null) {
            sendUdp(socket, client, outcome.reply());
        }
    }

    private static void sendUdp(DatagramSocket socket, SocketAddress client, byte[] reply) {
        try {
            socket.send(new DatagramPacket(reply, reply.length, client));
        } catch (IOException e) {
            // the client will retry
        }
    }

    private void acceptTcp() {
        new SocketLoop("DNS TCP accept on " + tcpSocket.getLocalSocketAddress(), () -> closed, failures).run(() -> {
            Socket connection = tcpSocket.accept();
            openConnections.add(connection);
            try {
                tcpPool.execute(() -> serveTcp(connection));
            } catch (RejectedExecutionException e) {
                closeQuietly(connection);
            }
        });
    }

    private void serveTcp(Socket connection) {
        try (connection) {
            TcpQueryReader queries = new TcpQueryReader(connection, TCP_QUERY_DEADLINE_MILLIS);
            DataOutputStream out = new DataOutputStream(connection.getOutputStream());
            while (!closed) {
                byte[] query = queries.next();
                DnsQueryHandler.Outcome outcome = handler.handle(query, query.length, true);
                byte[] reply = outcome.needsForwarding()
                        ? handler.forwarded(outcome.query(), forwarder.forward(query, true), true)
                        : outcome.reply();
                if (reply == null) {
                    return;
                }
                out.writeShort(reply.length);
                out.write(reply);
                out.flush();
            }
        } catch (EOFException e) {
            // client done
        } catch (IOException | RuntimeException e) {
            // past the deadline, broken connection or a query we could not handle: drop the connection
        } finally {
            openConnections.remove(connection);
        }
    }

    private void closeQuietly(Socket connection) {
        openConnections.remove(connection);
        try {
            connection.close();
        } catch (IOException e) {
            // already gone
        }
    }

    private static ThreadPoolExecutor pool(String name, int threads, int queue, RejectedExecutionHandler whenFull) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, IDLE_THREAD_SECONDS, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queue), DaemonThreads.numbered(name), whenFull);
        pool.allowCoreThreadTimeOut(true);   // a router that forwards nothing keeps no threads (and stacks) for it
        return pool;
    }


    private void startThread(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    @Override
    public synchronized void close() {
        closed = true;
        udpSockets.forEach(DatagramSocket::close);
        if (tcpSocket != null) {
            try {
                tcpSocket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        if (forwardPool != null) {
            forwardPool.shutdownNow();
            tcpPool.shutdownNow();
        }
        List.copyOf(openConnections).forEach(this::closeQuietly);
        for (Thread t : threads) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
