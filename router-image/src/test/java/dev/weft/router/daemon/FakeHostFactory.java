package dev.weft.router.daemon;

import dev.weft.router.mesh.Mesh;
import dev.weft.router.mesh.Overlay;

import dev.weft.router.docker.ContainerEvent;
import dev.weft.router.docker.FakeContainers;
import dev.weft.router.iptables.FakeIptables;
import dev.weft.weaveutil.ns.NetNs;
import dev.weft.weaveutil.plumbing.FakePlumbing;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** Components with in-memory Docker, netlink and iptables, so the daemon can run whole without touching the host. */
final class FakeHostFactory extends Components.Factory {

    final FakeContainers containers = new FakeContainers();
    final FakePlumbing plumbing = new FakePlumbing();
    final FakeIptables iptables = new FakeIptables();
    final BlockingQueue<ContainerEvent> events = new LinkedBlockingQueue<>();
    private final boolean withDocker;

    FakeHostFactory(boolean withDocker) {
        this.withDocker = withDocker;
    }

    @Override
    DockerAccess docker(DaemonConfig config) {
        if (!withDocker) {
            return null;
        }
        return new DockerAccess(containers, sink -> {
            while (true) {
                sink.accept(events.take());
            }
        }, () -> { });
    }

    /** No kernel data plane in unit tests: the mesh runs without an overlay. */
    @Override
    Overlay dataPlane(DaemonConfig config, HostTools tools, Mesh mesh) {
        return null;
    }

    @Override
    HostTools hostTools(DaemonConfig config) {
        return new HostTools(plumbing, NetNs.current(), iptables, null);
    }
}
