package dev.weft.router.attach;

import dev.weft.router.api.ApiException;
import dev.weft.router.docker.ContainerInfo;
import dev.weft.router.docker.Containers;
import dev.weft.router.docker.DockerUnavailableException;
import java.util.Optional;

/** Turns a user's container reference into a container the host side can plumb, or a clear API error. */
public final class ContainerResolver {
    private final Containers containers;

    public ContainerResolver(Containers containers) {
        this.containers = containers;
    }

    public Optional<ContainerInfo> find(String ref) {
        try {
            return containers.inspect(ref);
        } catch (DockerUnavailableException e) {
            throw new ApiException(500, e.getMessage());
        }
    }

    /** A running container with its own network namespace. */
    public ContainerInfo runningWithOwnNetwork(String ref) {
        ContainerInfo c = find(ref).orElseThrow(() -> ApiException.notFound("container " + ref + " not found"));
        if (c.usesHostNetwork()) {
            throw ApiException.badRequest("container " + ref
                    + " is using --net=host: it shares the host's network and cannot be attached to weave");
        }
        if (!c.running() || c.pid() <= 0) {
            throw ApiException.badRequest("container " + ref + " is not running");
        }
        return c;
    }

    public boolean isRunning(String id) {
        try {
            return containers.inspect(id).map(ContainerInfo::running).orElse(false);
        } catch (DockerUnavailableException e) {
            return true;
        }
    }
}
