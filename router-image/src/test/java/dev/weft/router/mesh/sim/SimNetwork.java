package dev.weft.router.mesh.sim;

import dev.weft.router.mesh.Actor;
import dev.weft.router.mesh.ConnectionFailure;
import dev.weft.router.mesh.MeshException;
import dev.weft.router.mesh.Transport;
import dev.weft.router.mesh.Wire;
import dev.weft.router.mesh.WireListener;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * An in-memory network for simulated routers: hosts by IP, listeners by port, links that deliver
 * frames after a latency. It can cut hosts apart (frames across a cut vanish and dials time out, as
 * on a real partition) and, for gossip messages, drop, duplicate and reorder them. It counts what
 * every host receives.
 */
public final class SimNetwork {

    private static final int TAG_GOSSIP_FIRST = 4;
    private static final int TAG_GOSSIP_LAST = 6;

    private final SimClock clock;
    private final Random random;
    private final Map<InetSocketAddress, Consumer<Wire>> listeners = new HashMap<>();
    private final Map<String, InetAddress> names = new HashMap<>();
    private final Set<String> cuts = new HashSet<>();
    private Duration latency = Duration.ofMillis(1);
    private Duration jitter = Duration.ZERO;
    private double dropRate;
    private double duplicateRate;
    private double reorderRate;
    private final Map<String, long[]> received = new HashMap<>();
    private final Map<String, Long> dials = new HashMap<>();

    public SimNetwork(SimClock clock, Random random) {
        this.clock = clock;
        this.random = random;
    }

    public SimNetwork latency(Duration latency, Duration jitter) {
        this.latency = latency;
        this.jitter = jitter;
        return this;
    }

    /** Faults applied to gossip messages only (the handshake and heartbeats arrive as on TCP). */
    public SimNetwork faults(double drop, double duplicate, double reorder) {
        this.dropRate = drop;
        this.duplicateRate = duplicate;
        this.reorderRate = reorder;
        return this;
    }

    public void name(String host, String ip) {
        names.put(host, ip(ip));
    }

    public void cut(String ipA, String ipB) {
        cuts.add(pair(ipA, ipB));
    }

    public void heal(String ipA, String ipB) {
        cuts.remove(pair(ipA, ipB));
    }

    public void healAll() {
        cuts.clear();
    }

    private boolean isCut(InetAddress a, InetAddress b) {
        return !cuts.isEmpty() && cuts.contains(pair(a.getHostAddress(), b.getHostAddress()));
    }

    private static String pair(String a, String b) {
        return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
    }

    static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** Bytes received by {@code ip} so far (frames plus their 4-byte length prefix). */
    public long bytesReceived(String ip) {
        return received.getOrDefault(ip, new long[2])[0];
    }

    public long messagesReceived(String ip) {
        return received.getOrDefault(ip, new long[2])[1];
    }

    /** How many times any host dialled {@code ip}. */
    public long dialsTo(String ip) {
        return dials.getOrDefault(ip, 0L);
    }

    public long totalBytes() {
        return received.values().stream().mapToLong(v -> v[0]).sum();
    }

    public long totalMessages() {
        return received.values().stream().mapToLong(v -> v[1]).sum();
    }

    public Transport transport(String ip) {
        return new SimTransport(ip(ip));
    }

    private long delayNanos() {
        long base = latency.toNanos();
        return jitter.isZero() ? base : base + (long) (random.nextDouble() * jitter.toNanos());
    }

    private final class SimTransport implements Transport {
        private final InetAddress self;
        private int nextPort = 40000;

        SimTransport(InetAddress self) {
            this.self = self;
        }

        @Override
        public void listen(String host, int port, Consumer<Wire> acceptor) {
            listeners.put(new InetSocketAddress(self, port), acceptor);
        }

        @Override
        public CompletionStage<Wire> dial(InetSocketAddress remote, String localHost) {
            CompletableFuture<Wire> result = new CompletableFuture<>();
            dials.merge(remote.getAddress().getHostAddress(), 1L, Long::sum);
            Actor dialler = clock.create("dial");
            if (isCut(self, remote.getAddress())) {
                dialler.schedule(Duration.ofSeconds(10), () -> result.completeExceptionally(new MeshException(
                        ConnectionFailure.connectTimedOut(remote.getAddress().getHostAddress() + ":" + remote.getPort(),
                                Duration.ofSeconds(10)))));
                return result;
            }
            Consumer<Wire> acceptor = listeners.get(remote);
            if (acceptor == null) {
                dialler.schedule(Duration.ofNanos(2 * delayNanos()), () -> result.completeExceptionally(new MeshException(
                        ConnectionFailure.refused(remote.getAddress().getHostAddress() + ":" + remote.getPort()))));
                return result;
            }
            InetSocketAddress local = new InetSocketAddress(self, nextPort++);
            SimWire client = new SimWire(local, remote);
            SimWire server = new SimWire(remote, local);
            client.peer = server;
            server.peer = client;
            server.actor.schedule(Duration.ofNanos(delayNanos()), () -> acceptor.accept(server));
            client.actor.schedule(Duration.ofNanos(2 * delayNanos()), () -> result.complete(client));
            return result;
        }

        @Override
        public CompletionStage<InetAddress> resolve(String host) {
            InetAddress named = names.get(host);
            if (named != null) {
                return CompletableFuture.completedFuture(named);
            }
            if (host.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
                return CompletableFuture.completedFuture(ip(host));
            }
            return CompletableFuture.failedFuture(new MeshException(
                    ConnectionFailure.retryable("lookup " + host + ": no such host")));
        }

        @Override
        public boolean isOwnAddress(InetSocketAddress address, int meshPort) {
            return address.getPort() == meshPort && address.getAddress().equals(self);
        }

        @Override
        public void close() {
            listeners.keySet().removeIf(a -> a.getAddress().equals(self));
        }
    }

    private final class SimWire implements Wire {
        private final InetSocketAddress local;
        private final InetSocketAddress remote;
        private final Actor actor = clock.create("wire");
        private final Deque<byte[]> early = new ArrayDeque<>();
        private SimWire peer;
        private WireListener listener;
        private boolean closed;

        SimWire(InetSocketAddress local, InetSocketAddress remote) {
            this.local = local;
            this.remote = remote;
        }

        @Override
        public Actor actor() {
            return actor;
        }

        @Override
        public void start(WireListener listener) {
            this.listener = listener;
            while (!early.isEmpty() && !closed) {
                listener.onFrame(early.poll());
            }
        }

        @Override
        public void sendRaw(byte[] bytes) {
            transmit(bytes);
        }

        @Override
        public void send(byte[] message) {
            transmit(message);
        }

        private void transmit(byte[] frame) {
            if (closed) {
                return;
            }
            SimWire to = peer;
            if (isCut(local.getAddress(), remote.getAddress())) {
                return;
            }
            int tag = frame.length == 0 ? -1 : frame[0] & 0xff;
            boolean gossip = tag >= TAG_GOSSIP_FIRST && tag <= TAG_GOSSIP_LAST;
            if (gossip && dropRate > 0 && random.nextDouble() < dropRate) {
                return;
            }
            int copies = gossip && duplicateRate > 0 && random.nextDouble() < duplicateRate ? 2 : 1;
            for (int i = 0; i < copies; i++) {
                long delay = delayNanos();
                if (gossip && reorderRate > 0 && random.nextDouble() < reorderRate) {
                    delay += (long) (random.nextDouble() * 20 * latency.toNanos());
                }
                to.actor.schedule(Duration.ofNanos(delay), () -> to.receive(frame));
            }
        }

        private void receive(byte[] frame) {
            if (closed) {
                return;
            }
            long[] counts = received.computeIfAbsent(local.getAddress().getHostAddress(), k -> new long[2]);
            counts[0] += frame.length + 4;
            counts[1]++;
            if (listener == null) {
                early.add(frame);
            } else {
                listener.onFrame(frame);
            }
        }

        @Override
        public boolean isWritable() {
            return !closed;
        }

        @Override
        public void whenWritable(Runnable task) {
            actor.execute(task);
        }

        @Override
        public InetSocketAddress localAddress() {
            return local;
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return remote;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (listener != null) {
                WireListener l = listener;
                actor.execute(() -> l.onClosed("connection closed"));
            }
            SimWire other = peer;
            if (!isCut(local.getAddress(), remote.getAddress())) {
                other.actor.schedule(Duration.ofNanos(delayNanos()), other::closedByPeer);
            }
        }

        private void closedByPeer() {
            if (closed) {
                return;
            }
            closed = true;
            if (listener != null) {
                listener.onClosed(null);
            }
        }
    }
}
