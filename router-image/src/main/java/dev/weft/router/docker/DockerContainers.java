package dev.weft.router.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient.Request;
import com.github.dockerjava.transport.DockerHttpClient.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@link Containers} through docker-java's HTTP transport, reading only the fields the router needs
 * from the engine's JSON. docker-java's own commands bind the whole answer to its model classes: an
 * inspect took 5-6 ms in the router (interpreted, as most code stays under its C2-only JIT) against
 * 2 ms this way, and {@code weave ps} makes one per container.
 */
public final class DockerContainers implements Containers {
    /** Names Docker accepts, and ids or id prefixes; anything else names no container. */
    private static final Pattern CONTAINER_REF = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    static final int MAX_ANSWER_BYTES = 16 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DockerHttpClient http;

    public DockerContainers(DockerHttpClient http) {
        this.http = http;
    }

    @Override
    public Optional<ContainerInfo> inspect(String nameOrId) {
        if (nameOrId == null || !CONTAINER_REF.matcher(nameOrId).matches()) {
            return Optional.empty();
        }
        String what = "inspect container " + nameOrId;
        return get("/containers/" + nameOrId + "/json", what).map(DockerContainers::toInfo);
    }

    @Override
    public List<String> runningIds() {
        JsonNode containers = get("/containers/json", "list containers")
                .orElseThrow(() -> unavailable("list containers", "the engine answered 404", null));
        List<String> ids = new ArrayList<>();
        for (JsonNode container : containers) {
            ids.add(container.path("Id").asText());
        }
        return ids;
    }

    /** The JSON answer, or empty when the engine answers 404 (no such container). */
    private Optional<JsonNode> get(String path, String what) {
        Request request = Request.builder().method(Request.Method.GET).path(path).build();
        try (Response response = http.execute(request)) {
            int status = response.getStatusCode();
            byte[] body = bounded(response.getBody(), what);
            if (status == 404) {
                return Optional.empty();
            }
            if (status != 200) {
                throw unavailable(what, "the engine answered " + status + " " + message(body), null);
            }
            return Optional.of(JSON.readTree(body));
        } catch (IOException | RuntimeException e) {
            if (e instanceof DockerUnavailableException unavailable) {
                throw unavailable;
            }
            throw unavailable(what, e.getMessage(), e);
        }
    }

    private static byte[] bounded(InputStream body, String what) throws IOException {
        byte[] bytes = body.readNBytes(MAX_ANSWER_BYTES + 1);
        if (bytes.length > MAX_ANSWER_BYTES) {
            throw unavailable(what, "the engine's answer is larger than " + MAX_ANSWER_BYTES + " bytes", null);
        }
        return bytes;
    }

    private static String message(byte[] body) {
        try {
            return JSON.readTree(body).path("message").asText("");
        } catch (IOException e) {
            return "";
        }
    }

    private static DockerUnavailableException unavailable(String what, String why, Throwable cause) {
        return new DockerUnavailableException(what + ": " + why, cause);
    }

    static ContainerInfo toInfo(JsonNode inspected) {
        JsonNode state = inspected.path("State");
        boolean running = state.path("Running").asBoolean(false);
        boolean restarting = state.path("Restarting").asBoolean(false);
        long pid = state.path("Pid").asLong(0);
        String name = inspected.path("Name").asText("");
        if (name.startsWith("/")) {
            name = name.substring(1);
        }
        JsonNode config = inspected.path("Config");
        return new ContainerInfo(inspected.path("Id").asText(""), name, running ? pid : 0, running, restarting,
                config.path("Hostname").asText(""), config.path("Domainname").asText(""),
                inspected.path("HostConfig").path("NetworkMode").asText(""), inspected.path("HostsPath").asText(""));
    }
}
