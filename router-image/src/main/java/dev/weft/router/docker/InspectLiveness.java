package dev.weft.router.docker;

import dev.weft.router.api.ContainerLiveness;

/** Liveness by inspecting the container; when Docker cannot be asked, assumes it runs (never frees by mistake). */
public final class InspectLiveness implements ContainerLiveness {
    private final Containers containers;

    public InspectLiveness(Containers containers) {
        this.containers = containers;
    }

    @Override
    public boolean isRunning(String containerId) {
        try {
            return containers.inspect(containerId).map(ContainerInfo::running).orElse(false);
        } catch (DockerUnavailableException e) {
            return true;
        }
    }
}
