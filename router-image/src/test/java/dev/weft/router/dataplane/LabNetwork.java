package dev.weft.router.dataplane;

import dev.weft.router.dataplane.lab.DataPlaneLab;
import dev.weft.router.identity.PeerName;
import dev.weft.router.testsupport.ThrowawayNetns;
import dev.weft.weaveutil.ns.NetNs;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Hosts for data-plane tests: a switch namespace with a bridge, and per host a namespace joined to
 * it at 198.19.7.1N with a {@code weave} bridge and one "container" namespace at 10.40.0.N on it.
 * Everything is removed by {@link #close()}.
 */
final class LabNetwork implements AutoCloseable {
    static final int MTU = 1376;
    private final String tag;
    private final int hosts;
    private final List<String> namespaces = new ArrayList<>();

    private LabNetwork(int hosts) {
        this.hosts = hosts;
        this.tag = "wdp" + Long.toString(ProcessHandle.current().pid() % 10000, 36) + (System.nanoTime() % 1000);
    }

    static LabNetwork create(int hosts) throws Exception {
        ThrowawayNetns.assumeRoot();
        LabNetwork n = new LabNetwork(hosts);
        try {
            n.build();
        } catch (Exception e) {
            n.close();
            throw e;
        }
        return n;
    }

    String switchNs() {
        return tag + "-sw";
    }

    String host(int i) {
        return tag + "-h" + i;
    }

    String container(int i) {
        return tag + "-c" + i;
    }

    static String hostIp(int i) {
        return "198.19.7." + (10 + i);
    }

    static String containerIp(int i) {
        return "10.40.0." + i;
    }

    static PeerName peer(int i) {
        return PeerName.parse("8a:00:00:00:00:0" + i);
    }

    DataPlaneLab.Host labHost(int i) {
        return new DataPlaneLab.Host(peer(i), host(i), hostIp(i));
    }

    private void add(String ns) throws Exception {
        ThrowawayNetns.run("ip", "netns", "add", ns);
        namespaces.add(ns);
        ThrowawayNetns.run("ip", "-n", ns, "link", "set", "lo", "up");
    }

    private void build() throws Exception {
        add(switchNs());
        ip(switchNs(), "link", "add", "sw", "type", "bridge");
        ip(switchNs(), "link", "set", "sw", "up");
        for (int i = 1; i <= hosts; i++) {
            add(host(i));
            add(container(i));
            ip(host(i), "link", "add", "eth0", "type", "veth", "peer", "name", "p" + i, "netns", switchNs());
            ip(switchNs(), "link", "set", "p" + i, "master", "sw", "up");
            ip(host(i), "addr", "add", hostIp(i) + "/24", "dev", "eth0");
            ip(host(i), "link", "set", "eth0", "up");
            ip(host(i), "link", "add", "weave", "mtu", Integer.toString(MTU), "type", "bridge");
            ip(host(i), "link", "set", "weave", "up");
            ip(host(i), "link", "add", "v" + i, "mtu", Integer.toString(MTU), "type", "veth", "peer", "name", "ethwe",
                    "mtu", Integer.toString(MTU), "netns", container(i));
            ip(host(i), "link", "set", "v" + i, "master", "weave", "up");
            ip(container(i), "addr", "add", containerIp(i) + "/16", "dev", "ethwe");
            ip(container(i), "link", "set", "ethwe", "up");
        }
    }

    static String ip(String ns, String... args) throws Exception {
        List<String> c = new ArrayList<>(List.of("ip", "-n", ns));
        c.addAll(List.of(args));
        return ThrowawayNetns.run(c.toArray(String[]::new));
    }

    static String exec(String ns, String... command) throws Exception {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        c.addAll(List.of(command));
        return ThrowawayNetns.run(c.toArray(String[]::new));
    }

    /** The MTU of host {@code i}'s underlay link (both ends). */
    void underlayMtu(int i, int mtu) throws Exception {
        ip(host(i), "link", "set", "eth0", "mtu", Integer.toString(mtu));
        ip(switchNs(), "link", "set", "p" + i, "mtu", Integer.toString(mtu));
    }

    /** True when container {@code from} gets an answer from container {@code to} within a few tries. */
    boolean ping(int from, int to, String... extra) {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", container(from), "ping", "-c", "1", "-W", "1"));
        c.addAll(List.of(extra));
        c.add(containerIp(to));
        for (int attempt = 0; attempt < 10; attempt++) {
            try {
                ThrowawayNetns.run(c.toArray(String[]::new));
                return true;
            } catch (Exception e) {
                // try again
            }
        }
        return false;
    }

    /**
     * Sends {@code bytes} of random data over TCP from container {@code from} to container
     * {@code to}; returns true when the receiver's SHA-256 matches the sender's.
     */
    boolean transfer(int from, int to, int bytes) throws Exception {
        NetNs receiverNs = NetNs.named(container(to));
        NetNs senderNs = NetNs.named(container(from));
        try (ServerSocket server = receiverNs.call(() -> new ServerSocket(5555));
             Socket client = senderNs.call(() -> {
                 // the JDK creates the OS socket at connect(): connect inside the container's namespace
                 Socket s = new Socket();
                 s.connect(new InetSocketAddress(containerIp(to), 5555), 5000);
                 return s;
             })) {
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> {
                try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
                    MessageDigest d = MessageDigest.getInstance("SHA-256");
                    byte[] buf = new byte[65536];
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        d.update(buf, 0, n);
                    }
                    return d.digest();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            client.setSoTimeout(30000);
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            Random random = new Random(bytes);
            byte[] buf = new byte[65536];
            try (OutputStream out = client.getOutputStream()) {
                for (int sent = 0; sent < bytes; sent += buf.length) {
                    random.nextBytes(buf);
                    int n = Math.min(buf.length, bytes - sent);
                    out.write(buf, 0, n);
                    d.update(buf, 0, n);
                }
            } catch (IOException e) {
                try {
                    received.get(5, TimeUnit.SECONDS);
                } catch (Exception receiver) {
                    e.addSuppressed(receiver);
                }
                throw e;
            }
            return java.util.Arrays.equals(d.digest(), received.get(60, TimeUnit.SECONDS));
        } finally {
            receiverNs.close();
            senderNs.close();
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        for (String ns : namespaces) {
            try {
                ThrowawayNetns.run("ip", "netns", "delete", ns);
            } catch (IOException e) {
                // best effort
            }
        }
    }
}
