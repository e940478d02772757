package dev.weft.router.docker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** In-memory Docker for tests: lookup by name, full id or unique id prefix, as Docker does. */
public final class FakeContainers implements Containers {
    private final Map<String, ContainerInfo> byId = new LinkedHashMap<>();
    private final Map<String, RuntimeException> inspectFailures = new LinkedHashMap<>();

    public synchronized FakeContainers add(ContainerInfo info) {
        byId.put(info.id(), info);
        return this;
    }

    public synchronized void remove(String id) {
        byId.remove(id);
    }

    /** Makes inspecting {@code nameOrId} fail with {@code failure} (e.g. a Docker time-out); null clears it. */
    public synchronized void failInspect(String nameOrId, RuntimeException failure) {
        if (failure == null) {
            inspectFailures.remove(nameOrId);
        } else {
            inspectFailures.put(nameOrId, failure);
        }
    }

    /** A running container with default networking and no domain. */
    public static ContainerInfo running(String id, String name, long pid) {
        return new ContainerInfo(id, name, pid, true, false, id.substring(0, 12), "", "default", "");
    }

    @Override
    public synchronized Optional<ContainerInfo> inspect(String nameOrId) {
        if (inspectFailures.containsKey(nameOrId)) {
            throw inspectFailures.get(nameOrId);
        }
        for (ContainerInfo info : byId.values()) {
            if (info.name().equals(nameOrId) || info.id().equals(nameOrId)) {
                return Optional.of(info);
            }
        }
        List<ContainerInfo> prefixed = new ArrayList<>();
        for (ContainerInfo info : byId.values()) {
            if (!nameOrId.isEmpty() && info.id().startsWith(nameOrId)) {
                prefixed.add(info);
            }
        }
        return prefixed.size() == 1 ? Optional.of(prefixed.get(0)) : Optional.empty();
    }

    @Override
    public synchronized List<String> runningIds() {
        return byId.values().stream().filter(ContainerInfo::running).map(ContainerInfo::id).toList();
    }
}
