package dev.weft.router.proxy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The engine as the proxy's own calls see it, in memory. */
final class FakeEngineCalls implements EngineCalls {
    final Map<String, ImageConfig> images = new LinkedHashMap<>();
    final Map<String, ContainerView> containers = new LinkedHashMap<>();
    final List<String> killed = new ArrayList<>();

    synchronized FakeEngineCalls add(ContainerView c) {
        containers.put(c.id(), c);
        return this;
    }

    static ContainerView waiting(String id, String name, long pid, String... env) {
        return new ContainerView(id, name, pid, true, List.of("/w/w", "/bin/app"), List.of(env), "default",
                Map.of("/w", "vol-w"), List.of());
    }

    @Override
    public synchronized ImageConfig image(String ref) {
        ImageConfig c = images.get(ref);
        if (c == null) {
            throw new ProxyException(404, "No such image: " + ref);
        }
        return c;
    }

    @Override
    public synchronized Optional<ContainerView> container(String ref) {
        for (ContainerView c : containers.values()) {
            if (c.id().equals(ref) || c.name().equals(ref) || c.id().startsWith(ref)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized List<String> runningIds() {
        return containers.values().stream().filter(ContainerView::running).map(ContainerView::id).toList();
    }

    @Override
    public synchronized void kill(String id) {
        killed.add(id);
        ContainerView c = containers.get(id);
        if (c != null) {
            containers.put(id, new ContainerView(c.id(), c.name(), 0, false, c.entrypoint(), c.env(), c.networkMode(),
                    c.mounts(), c.extraHosts()));
        }
    }

    synchronized List<String> killed() {
        return List.copyOf(killed);
    }
}
