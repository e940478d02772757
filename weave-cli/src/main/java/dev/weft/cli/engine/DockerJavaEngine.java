package dev.weft.cli.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.api.model.VolumesFrom;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link DockerEngine} through docker-java. Only the commands that manage containers load it; the
 * API version is left to the engine (docker-java does not negotiate; see STACK.md).
 */
public final class DockerJavaEngine implements DockerEngine {
    private final DockerClient docker;

    private DockerJavaEngine(DockerClient docker) {
        this.docker = docker;
    }

    /** @param dockerHost {@code unix://PATH} or {@code tcp://HOST:PORT} */
    public static DockerJavaEngine connect(String dockerHost) {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(dockerHost).build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig()).connectionTimeout(Duration.ofSeconds(5)).build();
        return new DockerJavaEngine(DockerClientImpl.getInstance(config, http));
    }

    @Override
    public Optional<ContainerState> inspect(String container) {
        return attempt("inspect container " + container, () -> {
            try {
                InspectContainerResponse response = docker.inspectContainerCmd(container).exec();
                InspectContainerResponse.ContainerState state = response.getState();
                Long pid = state.getPidLong();
                return Optional.of(new ContainerState(response.getId(), state.getStatus(), response.getConfig().getImage(),
                        Boolean.TRUE.equals(state.getRestarting()), pid == null ? 0 : pid.intValue()));
            } catch (NotFoundException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public boolean imageExists(String image) {
        return attempt("inspect image " + image, () -> {
            try {
                docker.inspectImageCmd(image).exec();
                return true;
            } catch (NotFoundException e) {
                return false;
            }
        });
    }

    @Override
    public String create(ContainerSpec spec) {
        return attempt("create container " + (spec.name() == null ? "from " + spec.image() : spec.name()), () -> {
            HostConfig host = HostConfig.newHostConfig().withPrivileged(spec.privileged())
                    .withBinds(spec.allBinds().stream().map(Bind::parse).toList())
                    .withVolumesFrom(spec.volumesFrom().stream().map(VolumesFrom::new).toList())
                    .withAutoRemove(spec.autoRemove());
            if (spec.hostNetworkAndPid()) {
                host.withNetworkMode("host").withPidMode("host");
            }
            if (spec.effectiveRestartPolicy() != null) {
                host.withRestartPolicy(RestartPolicy.parse(spec.effectiveRestartPolicy()));
            }
            RunOptionsMapping.apply(spec.runOptions(), host);
            CreateContainerCmd create = docker.createContainerCmd(spec.image()).withHostConfig(host)
                    .withEnv(spec.allEnv()).withLabels(spec.allLabels()).withCmd(spec.args())
                    .withVolumes(spec.volumes().stream().map(Volume::new).toList());
            if (spec.name() != null) {
                create.withName(spec.name());
            }
            if (!spec.entrypoint().isEmpty()) {
                create.withEntrypoint(spec.entrypoint());
            }
            return create.exec().getId();
        });
    }

    @Override
    public void start(String container) {
        attempt("start container " + container, () -> {
            try {
                docker.startContainerCmd(container).exec();
            } catch (NotModifiedException e) {
                // already running
            }
            return null;
        });
    }

    @Override
    public void stop(String container, int timeoutSeconds) {
        attempt("stop container " + container, () -> {
            try {
                docker.stopContainerCmd(container).withTimeout(timeoutSeconds).exec();
            } catch (NotModifiedException | NotFoundException e) {
                // already stopped or gone
            }
            return null;
        });
    }

    @Override
    public void kill(String container) {
        attempt("kill container " + container, () -> docker.killContainerCmd(container).exec());
    }

    @Override
    public void disableRestart(String container) {
        attempt("update container " + container,
                () -> docker.updateContainerCmd(container).withRestartPolicy(RestartPolicy.noRestart()).exec());
    }

    @Override
    public List<String> logTail(String container, int lines) {
        StringBuilder text = new StringBuilder();
        ResultCallback.Adapter<Frame> collect = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                text.append(new String(frame.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
            }
        };
        try {
            attempt("read the logs of container " + container, () -> docker.logContainerCmd(container)
                    .withStdOut(true).withStdErr(true).withTail(lines).exec(collect)).awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return text.toString().lines().toList();
    }

    @Override
    public void remove(String container, boolean force, boolean volumes) {
        attempt("remove container " + container, () -> {
            try {
                docker.removeContainerCmd(container).withForce(force).withRemoveVolumes(volumes).exec();
            } catch (NotFoundException e) {
                // already gone
            }
            return null;
        });
    }

    @Override
    public List<String> containersLabelled(String label) {
        return attempt("list containers labelled " + label, () -> docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(List.of(label)).exec().stream().map(Container::getId).toList());
    }

    @Override
    public int run(ContainerSpec spec, OutputStream out, OutputStream err) {
        String id = create(spec);
        try {
            ResultCallback.Adapter<Frame> output = new ResultCallback.Adapter<>() {
                @Override
                public void onNext(Frame frame) {
                    try {
                        (frame.getStreamType() == StreamType.STDERR ? err : out).write(frame.getPayload());
                        (frame.getStreamType() == StreamType.STDERR ? err : out).flush();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
            attempt("attach to container " + id, () -> docker.attachContainerCmd(id).withStdOut(true)
                    .withStdErr(true).withFollowStream(true).exec(output));
            start(id);
            int status = attempt("wait for container " + id,
                    () -> docker.waitContainerCmd(id).exec(new WaitContainerResultCallback()).awaitStatusCode());
            output.awaitCompletion();
            return status;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while running " + spec.image(), e);
        } finally {
            remove(id, true, true);
        }
    }

    private static <T> T attempt(String operation, Supplier<T> action) {
        try {
            return action.get();
        } catch (EngineException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new EngineException(operation + ": " + e.getMessage(), e);
        }
    }
}
