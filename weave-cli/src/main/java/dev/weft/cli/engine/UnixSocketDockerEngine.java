package dev.weft.cli.engine;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.cli.http.UnixSocketHttp;
import dev.weft.cli.http.UnixSocketHttp.Answer;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link DockerEngine} as raw HTTP on the engine's unix socket ({@link UnixSocketHttp}) with JSON as
 * Jackson trees ({@link JsonTrees}). Creating docker-java's client (its config, Apache HttpClient 5, an SSL context, the
 * Jackson model classes, Guava) cost launch, stop and reset 0.3-0.4 s even with the CLI's class data
 * archive: {@code weave launch} that only finds the router running took ~0.5 s against ~0.09 s for
 * {@code weave status}, on the critical path of a peer joining the mesh. Paths are unversioned, as
 * docker-java's, so the engine's own API version applies. Only {@link #run} (remote execution with
 * attached streams) still goes through docker-java, made on first use.
 */
public final class UnixSocketDockerEngine implements DockerEngine {
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);

    private final EngineHttp http;
    private final Duration deadline;
    private final Supplier<DockerEngine> runner;
    private DockerEngine runnerEngine;

    /**
     * @param deadline how long one request may take (a stop: the stop timeout more)
     * @param runner   the engine that runs containers with attached streams, asked for on first use
     */
    public UnixSocketDockerEngine(Path socket, Duration deadline, Supplier<DockerEngine> runner) {
        this.http = new EngineHttp(socket);
        this.deadline = deadline;
        this.runner = runner;
    }

    /** @param dockerHost {@code unix://PATH} */
    public static UnixSocketDockerEngine connect(String dockerHost) {
        Path socket = UnixSocketHttp.socketPath(dockerHost);
        if (socket == null || !dockerHost.startsWith("unix://")) {
            throw new IllegalArgumentException("not a unix socket address: " + dockerHost);
        }
        return new UnixSocketDockerEngine(socket, DEFAULT_DEADLINE, () -> DockerJavaEngine.connect(dockerHost));
    }

    @Override
    public Optional<ContainerState> inspect(String container) {
        String operation = "inspect container " + container;
        Answer answer = http.call(operation, "GET", "/containers/" + EngineHttp.segment(container) + "/json", null,
                deadline, 200, 404);
        if (answer.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(ContainerState.fromInspect(http.tree(operation, answer)));
    }

    @Override
    public boolean imageExists(String image) {
        return http.call("inspect image " + image, "GET", "/images/" + EngineHttp.segment(image) + "/json", null,
                deadline, 200, 404).status() == 200;
    }

    @Override
    public String create(ContainerSpec spec) {
        String operation = "create container " + (spec.name() == null ? "from " + spec.image() : spec.name());
        ObjectNode body;
        try {
            body = ContainerCreateBody.of(spec);
        } catch (EngineException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new EngineException(operation + ": " + e.getMessage(), e);
        }
        String target = "/containers/create" + (spec.name() == null ? "" : "?name=" + EngineHttp.query(spec.name()));
        Answer answer = http.call(operation, "POST", target, body, deadline, 201);
        String id = http.tree(operation, answer).path("Id").asText();
        if (id.isEmpty()) {
            throw new EngineException(operation + ": the Docker engine answered no container id", null);
        }
        return id;
    }

    @Override
    public void start(String container) {
        http.call("start container " + container, "POST", containerPath(container) + "/start", null, deadline,
                204, 304);
    }

    @Override
    public void stop(String container, int timeoutSeconds) {
        http.call("stop container " + container, "POST", containerPath(container) + "/stop?t=" + timeoutSeconds,
                null, deadline.plusSeconds(timeoutSeconds), 204, 304, 404);
    }

    @Override
    public void kill(String container) {
        http.call("kill container " + container, "POST", containerPath(container) + "/kill", null, deadline, 204);
    }

    @Override
    public void disableRestart(String container) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putObject("RestartPolicy").put("Name", "no");
        http.call("update container " + container, "POST", containerPath(container) + "/update", body, deadline,
                200);
    }

    @Override
    public List<String> logTail(String container, int lines) {
        Answer answer = http.call("read the logs of container " + container, "GET",
                containerPath(container) + "/logs?stdout=1&stderr=1&tail=" + lines, null, deadline, 200);
        return new String(DockerLogStream.decode(answer.content()), StandardCharsets.UTF_8).lines().toList();
    }

    @Override
    public void remove(String container, boolean force, boolean volumes) {
        http.call("remove container " + container, "DELETE",
                containerPath(container) + "?force=" + force + "&v=" + volumes, null, deadline, 204, 404);
    }

    @Override
    public List<String> containersLabelled(String label) {
        String operation = "list containers labelled " + label;
        ObjectNode filters = JsonNodeFactory.instance.objectNode();
        filters.putArray("label").add(label);
        String query = "?all=1&filters=" + EngineHttp.query(new String(JsonTrees.write(filters), StandardCharsets.UTF_8));
        Answer answer = http.call(operation, "GET", "/containers/json" + query, null, deadline, 200);
        List<String> ids = new ArrayList<>();
        http.tree(operation, answer).forEach(container -> ids.add(container.path("Id").asText()));
        return ids;
    }

    @Override
    public int run(ContainerSpec spec, OutputStream out, OutputStream err) {
        if (runnerEngine == null) {
            runnerEngine = runner.get();
        }
        return runnerEngine.run(spec, out, err);
    }

    private static String containerPath(String container) {
        return "/containers/" + EngineHttp.segment(container);
    }
}
