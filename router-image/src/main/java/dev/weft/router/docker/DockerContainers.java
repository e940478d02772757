package dev.weft.router.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import java.util.List;
import java.util.Optional;

/** {@link Containers} through docker-java. */
public final class DockerContainers implements Containers {
    private final DockerClient docker;

    public DockerContainers(DockerClient docker) {
        this.docker = docker;
    }

    @Override
    public Optional<ContainerInfo> inspect(String nameOrId) {
        if (nameOrId == null || nameOrId.isEmpty() || nameOrId.contains("/")) {
            return Optional.empty();
        }
        try {
            return Optional.of(toInfo(docker.inspectContainerCmd(nameOrId).exec()));
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw new DockerUnavailableException("inspect container " + nameOrId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> runningIds() {
        try {
            return docker.listContainersCmd().exec().stream().map(Container::getId).toList();
        } catch (RuntimeException e) {
            throw new DockerUnavailableException("list containers: " + e.getMessage(), e);
        }
    }

    static ContainerInfo toInfo(InspectContainerResponse r) {
        InspectContainerResponse.ContainerState state = r.getState();
        boolean running = state != null && Boolean.TRUE.equals(state.getRunning());
        boolean restarting = state != null && Boolean.TRUE.equals(state.getRestarting());
        Long pid = state == null ? null : state.getPidLong();
        String name = r.getName() == null ? "" : r.getName();
        if (name.startsWith("/")) {
            name = name.substring(1);
        }
        String hostname = r.getConfig() == null ? "" : orEmpty(r.getConfig().getHostName());
        String domainname = r.getConfig() == null ? "" : orEmpty(r.getConfig().getDomainName());
        String networkMode = r.getHostConfig() == null ? "" : orEmpty(r.getHostConfig().getNetworkMode());
        return new ContainerInfo(r.getId(), name, running && pid != null ? pid : 0, running, restarting,
                hostname, domainname, networkMode, orEmpty(r.getHostsPath()));
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
