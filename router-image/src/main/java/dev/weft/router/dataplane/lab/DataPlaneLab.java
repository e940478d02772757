package dev.weft.router.dataplane.lab;

import dev.weft.router.dataplane.DataPlane;
import dev.weft.router.dataplane.DataPlaneConfig;
import dev.weft.router.dataplane.DataPlaneConnection;
import dev.weft.router.dataplane.DataPlanes;
import dev.weft.router.identity.PeerName;
import dev.weft.router.mesh.OverlayConnection;
import dev.weft.router.mesh.OverlayConnectionParams;
import dev.weft.weaveutil.ns.NetNs;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs weft's data plane for several "hosts" (network namespaces that each have a {@code weave}
 * bridge) in one process, with a static peer list in place of the mesh: every pair not cut gets a
 * connection as the mesh would make it. For the data plane's benchmarks and privileged tests.
 * <pre>
 * java -cp router.jar dev.weft.router.dataplane.lab.DataPlaneLab [--mtu N] [--port P] [--no-fastdp]
 *      [--cut NAME,NAME]... NAME@NETNS@IP...
 * </pre>
 * Prints {@code MODE <from> <to> <overlay> mtu=<n> [reason=...]} whenever a connection's overlay
 * changes, and {@code READY} once all are established; stops cleanly on SIGTERM or end of stdin.
 */
public final class DataPlaneLab implements AutoCloseable {
    /** One host of the lab. */
    public record Host(PeerName name, String netns, String ip) {
        public static Host parse(String text) {
            String[] f = text.split("@");
            if (f.length != 3) {
                throw new IllegalArgumentException("expected NAME@NETNS@IP, got '" + text + "'");
            }
            return new Host(PeerName.parse(f[0]), f[1], f[2]);
        }
    }

    private final List<Host> hosts;
    private final Map<PeerName, DataPlane> planes = new HashMap<>();
    private final Map<PeerName, StaticMesh> meshes = new HashMap<>();
    private final List<OverlayConnection> connections = new ArrayList<>();
    private final Map<String, String> lastModes = new HashMap<>();

    public DataPlaneLab(List<Host> hosts, List<PeerName[]> cuts, int mtu, int port, boolean fastPath)
            throws Exception {
        this.hosts = hosts;
        List<PeerName> names = hosts.stream().map(Host::name).toList();
        try {
            for (Host h : hosts) {
                StaticMesh mesh = StaticMesh.full(h.name(), names);
                cuts.forEach(c -> mesh.cut(c[0], c[1]));
                meshes.put(h.name(), mesh);
                DataPlaneConfig config = new DataPlaneConfig(h.name(), "weave", mtu, port, fastPath);
                planes.put(h.name(), DataPlanes.start(config, NetNs.named(h.netns()), mesh, mesh));
            }
            for (int i = 0; i < hosts.size(); i++) {
                for (int j = i + 1; j < hosts.size(); j++) {
                    Host a = hosts.get(i);
                    Host b = hosts.get(j);
                    if (cuts.stream().noneMatch(c -> (c[0].equals(a.name()) && c[1].equals(b.name()))
                            || (c[0].equals(b.name()) && c[1].equals(a.name())))) {
                        connect(a, b, port);
                    }
                }
            }
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    private void connect(Host dialler, Host listener, int port) throws Exception {
        long uid = ThreadLocalRandom.current().nextLong();
        Map<String, String> diallerFeatures = new HashMap<>();
        Map<String, String> listenerFeatures = new HashMap<>();
        planes.get(dialler.name()).addFeaturesTo(diallerFeatures);
        planes.get(listener.name()).addFeaturesTo(listenerFeatures);
        InetAddress d = InetAddress.getByName(dialler.ip());
        InetAddress l = InetAddress.getByName(listener.ip());
        OverlayConnection out = planes.get(dialler.name()).prepareConnection(new OverlayConnectionParams(
                listener.name(), 0, new InetSocketAddress(d, 40000), new InetSocketAddress(l, port), true, uid,
                Optional.empty(), listenerFeatures, m -> { }));
        OverlayConnection in = planes.get(listener.name()).prepareConnection(new OverlayConnectionParams(
                dialler.name(), 0, new InetSocketAddress(l, port), new InetSocketAddress(d, 40000), false, uid,
                Optional.empty(), diallerFeatures, m -> { }));
        connections.add(out);
        connections.add(in);
        out.confirm();
        in.confirm();
    }

    public DataPlane plane(PeerName name) {
        return planes.get(name);
    }

    public StaticMesh mesh(PeerName name) {
        return meshes.get(name);
    }

    /** Prints a MODE line for every connection whose overlay changed; true when all are established. */
    public boolean report(java.io.PrintStream out) {
        boolean all = true;
        for (Host h : hosts) {
            DataPlane plane = planes.get(h.name());
            if (plane == null) {
                continue;
            }
            for (DataPlaneConnection c : plane.connections()) {
                Map<String, String> attrs = c.attrs();
                String key = h.name() + " " + c.params().remotePeer();
                String mode = attrs.get("name") + " mtu=" + attrs.get("mtu")
                        + (attrs.containsKey("reason") ? " reason=" + attrs.get("reason") : "");
                String overlay = attrs.get("name") + attrs.get("mtu");
                if (!overlay.equals(lastModes.get(key))) {
                    lastModes.put(key, overlay);
                    out.println("MODE " + key + " " + mode);
                }
                all &= c.established().toCompletableFuture().isDone();
            }
        }
        out.flush();
        return all;
    }

    @Override
    public void close() {
        planes.values().forEach(DataPlane::stop);
    }

    public static void main(String[] args) throws Exception {
        int mtu = DataPlaneConfig.DEFAULT_MTU;
        int port = 6783;
        boolean fastPath = true;
        List<PeerName[]> cuts = new ArrayList<>();
        List<Host> hosts = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--mtu" -> mtu = DataPlaneConfig.parseMtu(args[++i]);
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--no-fastdp" -> fastPath = false;
                case "--cut" -> {
                    String[] pair = args[++i].split(",");
                    cuts.add(new PeerName[] {PeerName.parse(pair[0]), PeerName.parse(pair[1])});
                }
                default -> hosts.add(Host.parse(args[i]));
            }
        }
        DataPlaneLab lab;
        try {
            lab = new DataPlaneLab(hosts, cuts, mtu, port, fastPath);
        } catch (Exception e) {
            System.err.println("dataplane-lab: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(lab::close));
        Thread stdin = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // wait for end of input
                }
            } catch (java.io.IOException e) {
                // treated as end of input
            }
            System.exit(0);
        }, "stdin");
        stdin.setDaemon(true);
        if (System.console() == null && !"false".equals(System.getProperty("lab.stdin"))) {
            stdin.start();
        }
        boolean ready = false;
        while (true) {
            boolean all = lab.report(System.out);
            if (all && !ready) {
                ready = true;
                System.out.println("READY");
                System.out.flush();
            }
            Thread.sleep(200);
        }
    }
}
