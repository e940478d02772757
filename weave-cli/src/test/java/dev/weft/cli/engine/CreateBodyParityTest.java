package dev.weft.cli.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.cli.testing.CannedEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What {@link UnixSocketDockerEngine} posts to create a container is what docker-java
 * ({@link DockerJavaEngine}) posted for the same spec, both captured by a canned engine, so that the
 * hand-written mapping cannot drift from the one it replaced. Compared without null and empty fields,
 * and with docker-java's spellings of the same thing undone: {@code :rw} added to binds and
 * volumes-from, {@code ""} for restart policy {@code no}.
 */
class CreateBodyParityTest {
    @TempDir
    Path dir;

    static Stream<ContainerSpec> specs() {
        RunOptions router = new RunOptions.Builder().limit("--memory", 300L << 20).limit("--memory-swap", 600L << 20)
                .limit("--cpus", 1_500_000_000L).limit("--cpu-shares", 512L).limit("--oom-score-adj", -500L)
                .env("EXTRA=1").label("team", "net").bind("/etc/weft:/etc/weft:ro").ulimit("nofile=1024:2048")
                .ulimit("nproc=512").capAdd("CAP_NET_ADMIN").capAdd("SYS_PTRACE").capDrop("MKNOD")
                .securityOpt("apparmor=unconfined").logDriver("json-file").logOpt("max-size", "10m")
                .restartPolicy("on-failure:5").build();
        RunOptions exec = new RunOptions.Builder().limit("--memory-reservation", 64L << 20)
                .limit("--shm-size", 128L << 20).limit("--cpu-period", 100_000L).limit("--cpu-quota", 50_000L)
                .limit("--pids-limit", 100L).limit("--cpuset-cpus", "0-1").limit("--cpuset-mems", "0")
                .limit("--oom-kill-disable", true).logOpt("max-file", "3").restartPolicy("no").build();
        return Stream.of(
                new ContainerSpec("weave", "weft/weave:0.1.0", List.of(), List.of("--port", "6783", "--name", "p1"),
                        List.of("WEAVE_PASSWORD=", "A=1"), List.of("/var/run/docker.sock:/var/run/docker.sock"),
                        List.of(), List.of("weavedb"), Map.of("weft.router", ""), true, true, "always", false, router),
                new ContainerSpec("weavedb", "weft/weavedb:latest", List.of("data-only"), List.of(), List.of(),
                        List.of(), List.of("/weavedb"), List.of(), Map.of("weft", ""), false, false, null, false),
                new ContainerSpec(null, "weft/weaveexec:0.1.0", List.of(), List.of("--local", "status"),
                        List.of("DOCKER_CLIENT_HOST="), List.of("/run/weave:/run/weave"), List.of("/w", "/w-noop"),
                        List.of("weavevolumes"), Map.of(), true, true, null, true, exec));
    }

    @ParameterizedTest
    @MethodSource("specs")
    void createBodyIsDockerJavas(ContainerSpec spec) throws Exception {
        JsonNode ours = normalised(posted(dir.resolve("a"), engine -> new UnixSocketDockerEngine(engine.socket(),
                Duration.ofSeconds(5), () -> null).create(spec)));
        JsonNode theirs = normalised(posted(dir.resolve("b"), engine -> DockerJavaEngine.connect(engine.dockerHost())
                .create(spec)));
        assertEquals(theirs, ours);
    }

    private interface Creation {
        void create(CannedEngine engine);
    }

    private static JsonNode posted(Path dir, Creation creation) throws Exception {
        java.nio.file.Files.createDirectories(dir);
        try (CannedEngine engine = new CannedEngine(dir, request -> CannedEngine.json(201, "{\"Id\":\"c1\"}"))) {
            creation.create(engine);
            CannedEngine.Request request = engine.onlyRequest();
            assertEquals("/containers/create", request.path());
            ObjectNode all = (ObjectNode) new ObjectMapper().readTree(request.body());
            all.set("?query", new ObjectMapper().valueToTree(request.query()));
            return all;
        }
    }

    private static JsonNode normalised(JsonNode node) {
        return normalised(node, "");
    }

    private static JsonNode normalised(JsonNode node, String field) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(entry -> {
                JsonNode value = normalised(entry.getValue(), entry.getKey());
                boolean volumes = field.equals("Volumes");
                if (volumes || !(value.isNull() || value.isContainerNode() && value.isEmpty())) {
                    copy.set(entry.getKey(), value);
                }
            });
            if (field.equals("RestartPolicy") && copy.path("Name").asText().isEmpty()) {
                copy.put("Name", "no");
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(field.equals("Binds") || field.equals("VolumesFrom")
                    ? JsonNodeFactory.instance.textNode(withAccessMode(element.asText())) : normalised(element, field)));
            return copy;
        }
        return node;
    }

    private static String withAccessMode(String mount) {
        return mount.endsWith(":ro") || mount.endsWith(":rw") ? mount : mount + ":rw";
    }
}
