package dev.weft.router.daemon;

import dev.weft.router.docker.ContainerInfo;
import dev.weft.router.docker.Containers;
import java.util.List;
import java.util.Optional;

/** Containers when the router runs without a Docker API ({@code --docker-api=}): none are known. */
final class NoDocker implements Containers {

    @Override
    public Optional<ContainerInfo> inspect(String nameOrId) {
        return Optional.empty();
    }

    @Override
    public List<String> runningIds() {
        return List.of();
    }
}
