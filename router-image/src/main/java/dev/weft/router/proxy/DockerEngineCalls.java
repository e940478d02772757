package dev.weft.router.proxy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link EngineCalls} through docker-java, with connect and response timeouts. */
public final class DockerEngineCalls implements EngineCalls, AutoCloseable {
    private final DockerClient docker;

    public DockerEngineCalls(String dockerHost, Duration timeout) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(dockerHost).build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(URI.create(dockerHost))
                .maxConnections(16)
                .connectionTimeout(Duration.ofSeconds(5))
                .responseTimeout(timeout)
                .build();
        this.docker = DockerClientImpl.getInstance(config, http);
    }

    @Override
    public ImageConfig image(String ref) {
        try {
            InspectImageResponse image = docker.inspectImageCmd(ref).exec();
            ContainerConfig c = image.getConfig();
            return c == null ? new ImageConfig(null, null) : new ImageConfig(list(c.getEntrypoint()), list(c.getCmd()));
        } catch (NotFoundException e) {
            throw new ProxyException(404, "No such image: " + ref);
        } catch (RuntimeException e) {
            throw new ProxyException(500, "inspect image " + ref + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<ContainerView> container(String ref) {
        if (ref == null || ref.isEmpty() || ref.contains("/")) {
            return Optional.empty();
        }
        try {
            return Optional.of(view(docker.inspectContainerCmd(ref).exec()));
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw new ProxyException(500, "inspect container " + ref + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> runningIds() {
        try {
            return docker.listContainersCmd().exec().stream().map(Container::getId).toList();
        } catch (RuntimeException e) {
            throw new ProxyException(500, "list containers: " + e.getMessage(), e);
        }
    }

    @Override
    public void kill(String id) {
        try {
            docker.killContainerCmd(id).exec();
        } catch (NotFoundException | ConflictException e) {
            // gone or not running: nothing left to stop
        } catch (RuntimeException e) {
            throw new ProxyException(500, "kill container " + id + ": " + e.getMessage(), e);
        }
    }

    static ContainerView view(InspectContainerResponse r) {
        ContainerConfig config = r.getConfig();
        InspectContainerResponse.ContainerState state = r.getState();
        boolean running = state != null && Boolean.TRUE.equals(state.getRunning());
        Long pid = state == null ? null : state.getPidLong();
        Map<String, String> mounts = new LinkedHashMap<>();
        if (r.getMounts() != null) {
            for (InspectContainerResponse.Mount m : r.getMounts()) {
                if (m.getDestination() != null) {
                    String name = m.getName();
                    mounts.put(m.getDestination().getPath(), name != null && !name.isEmpty() ? name : m.getSource());
                }
            }
        }
        String name = r.getName() == null ? "" : r.getName().replaceFirst("^/", "");
        return new ContainerView(r.getId(), name, running && pid != null ? pid : 0, running,
                config == null ? null : list(config.getEntrypoint()), config == null ? null : list(config.getEnv()),
                r.getHostConfig() == null ? "" : r.getHostConfig().getNetworkMode(), mounts,
                r.getHostConfig() == null ? null : list(r.getHostConfig().getExtraHosts()));
    }

    private static List<String> list(String[] values) {
        return values == null ? List.of() : Arrays.asList(values);
    }

    @Override
    public void close() throws IOException {
        docker.close();
    }
}
