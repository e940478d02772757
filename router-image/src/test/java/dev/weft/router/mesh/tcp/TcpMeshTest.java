package dev.weft.router.mesh.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.identity.PeerName;
import dev.weft.router.mesh.Mesh;
import dev.weft.router.mesh.MeshConfig;
import dev.weft.router.mesh.MeshStatus;
import dev.weft.router.mesh.ThreadActors;
import dev.weft.router.mesh.sim.CounterGossiper;
import dev.weft.router.mesh.wire.FrameCodec;
import dev.weft.router.mesh.wire.ProtocolIntroCodec;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real meshes over TCP on the loopback interface. */
class TcpMeshTest {

    private final List<AutoCloseable> toClose = new ArrayList<>();

    record Node(Mesh mesh, int port, CounterGossiper counter, PeerName name) {}

    private Node node(int index) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        PeerName name = new PeerName(0x8a0000000100L + index);
        MeshConfig config = MeshConfig.defaults(name, "tcp" + index).withListen("127.0.0.1", port)
                .withPolicy(1, 200, false, List.of());
        ThreadActors actors = new ThreadActors();
        TcpTransport transport = new TcpTransport(1, 2, Duration.ofSeconds(2));
        Mesh mesh = new Mesh(config, actors, transport, new Random(index));
        CounterGossiper counter = new CounterGossiper(name).register(mesh, "counter");
        mesh.start();
        toClose.add(actors);
        toClose.add(mesh);
        return new Node(mesh, port, counter, name);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }

    private static MeshStatus status(Node n) {
        return n.mesh.status().join();
    }

    @Test
    void peersHandshakeOverTcpAndGossipCrossesARelay() throws Exception {
        Node a = node(1);
        Node b = node(2);
        Node c = node(3);
        b.mesh.connect(List.of("127.0.0.1:" + a.port), false);
        c.mesh.connect(List.of("127.0.0.1:" + b.port), false);
        assertTrue(eventually(() -> a.mesh.membership().reachablePeers().size() == 2
                && c.mesh.membership().reachablePeers().size() == 2), "a and c reach each other through b");
        MeshStatus sb = status(b);
        assertEquals(2, sb.connections().size());
        assertTrue(sb.connections().stream().allMatch(x -> x.state().equals("established")), sb.connections().toString());
        a.counter.channel().gossipBroadcast(a.counter.increment());
        a.counter.channel().gossipUnicast(c.name, new byte[] {1});
        assertTrue(eventually(() -> c.counter.get(a.name) == 1 && c.counter.unicastsFrom(a.name) == 1));
    }

    @Test
    void aRefusedDialSaysSoAndConnectingToOurselfIsRefusedUpFront() throws Exception {
        Node a = node(4);
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        a.mesh.connect(List.of("127.0.0.1:" + closedPort), false);
        assertTrue(eventually(() -> status(a).connections().stream().anyMatch(c -> c.state().equals("failed"))));
        MeshStatus.ConnectionStatus row = status(a).connections().get(0);
        assertTrue(row.info().startsWith("connection refused: nothing listens on 127.0.0.1:" + closedPort
                + " (is weave running there?), retry: "), row.info());
        assertEquals("cannot connect to ourself: 127.0.0.1:" + a.port + " is this router's own address",
                a.mesh.resolveProblem("127.0.0.1:" + a.port, Duration.ofSeconds(2)));
        assertNull(a.mesh.resolveProblem("127.0.0.1:" + closedPort, Duration.ofSeconds(2)));
        assertEquals("invalid peer name \"a b\", should be host[:port]", a.mesh.resolveProblem("a b", Duration.ofSeconds(2)));
    }

    @Test
    void somethingThatIsNotWeaveIsHungUpOn() throws Exception {
        Node a = node(5);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", a.port), 2000);
            s.setSoTimeout(15_000);
            OutputStream out = s.getOutputStream();
            out.write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] header = in.readNBytes(ProtocolIntroCodec.HEADER_LENGTH);
            assertEquals("weave", new String(header, 0, 5, StandardCharsets.US_ASCII), "the router speaks first");
            assertEquals(-1, drainUntilClosed(in), "and hangs up");
        }
    }

    @Test
    void aMessageOverTheCapClosesTheConnectionBeforeItIsBuffered() throws Exception {
        Node a = node(6);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", a.port), 2000);
            s.setSoTimeout(15_000);
            OutputStream out = s.getOutputStream();
            out.write(ProtocolIntroCodec.header(1, 2));
            out.write(0); // no encryption
            out.write(FrameCodec.lengthPrefix(FrameCodec.MAX_FEATURES_BYTES + 1));
            out.flush();
            assertEquals(-1, drainUntilClosed(s.getInputStream()));
        }
    }

    private static int drainUntilClosed(InputStream in) throws java.io.IOException {
        byte[] buffer = new byte[4096];
        int n;
        do {
            n = in.read(buffer);
        } while (n > 0);
        return n;
    }
}
