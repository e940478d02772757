package dev.weft.cli.testing;

import dev.weft.cli.engine.ContainerState;
import dev.weft.cli.engine.ContainerStateProbe;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** An engine that knows the containers put into it. */
public final class FakeProbe implements ContainerStateProbe {
    private final Map<String, ContainerState> containers = new HashMap<>();

    public FakeProbe with(String name, ContainerState state) {
        containers.put(name, state);
        return this;
    }

    @Override
    public Optional<ContainerState> inspect(String container) {
        return Optional.ofNullable(containers.get(container));
    }
}
