package dev.weft.cli.engine;

import static dev.weft.cli.testing.CannedEngine.chunked;
import static dev.weft.cli.testing.CannedEngine.empty;
import static dev.weft.cli.testing.CannedEngine.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.cli.engine.DockerEngine.EngineException;
import dev.weft.cli.testing.CannedEngine;
import dev.weft.cli.testing.FakeDockerEngine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each engine operation against a canned engine on a unix socket: what is asked, and what each answer means. */
class UnixSocketDockerEngineTest {
    private static final Duration DEADLINE = Duration.ofMillis(200);

    @TempDir
    Path dir;
    private CannedEngine engine;
    private final AtomicInteger runnersMade = new AtomicInteger();
    private final FakeDockerEngine runner = new FakeDockerEngine();

    private UnixSocketDockerEngine answering(Function<CannedEngine.Request, byte[]> answers) throws IOException {
        engine = new CannedEngine(dir, answers);
        return new UnixSocketDockerEngine(engine.socket(), DEADLINE, () -> {
            runnersMade.incrementAndGet();
            return runner;
        });
    }

    private UnixSocketDockerEngine answering(byte[] answer) throws IOException {
        return answering(request -> answer);
    }

    @AfterEach
    void close() throws IOException {
        if (engine != null) {
            engine.close();
        }
    }

    private void assertRequest(String method, String target) {
        CannedEngine.Request request = engine.onlyRequest();
        assertEquals(method + " " + target, request.method() + " " + request.target());
    }

    @Test
    void inspectReadsTheState() throws IOException {
        UnixSocketDockerEngine docker = answering(json(200, "{\"Id\":\"abc\",\"Config\":{\"Image\":\"weft/weave:0.1.0\"},"
                + "\"State\":{\"Status\":\"running\",\"Restarting\":false,\"Pid\":42}}"));
        assertEquals(Optional.of(new ContainerState("abc", "running", "weft/weave:0.1.0", false, 42)),
                docker.inspect("weave"));
        assertRequest("GET", "/containers/weave/json");
    }

    @Test
    void inspectOfAnAbsentContainerIsEmpty() throws IOException {
        UnixSocketDockerEngine docker = answering(json(404, "{\"message\":\"No such container: weave\"}"));
        assertEquals(Optional.empty(), docker.inspect("weave"));
    }

    @Test
    void engineErrorsCarryTheEnginesMessage() throws IOException {
        UnixSocketDockerEngine docker = answering(json(500, "{\"message\":\"driver failed\\n\"}"));
        EngineException e = assertThrows(EngineException.class, () -> docker.inspect("weave"));
        assertEquals("inspect container weave: driver failed", e.getMessage());
    }

    @Test
    void engineErrorsWithoutJsonShowTheStatusAndText() throws IOException {
        UnixSocketDockerEngine docker = answering(CannedEngine.answer(502, "text/plain",
                "bad gateway\n".getBytes(StandardCharsets.UTF_8)));
        EngineException e = assertThrows(EngineException.class, () -> docker.inspect("weave"));
        assertEquals("inspect container weave: the Docker engine answered 502: bad gateway", e.getMessage());
    }

    @Test
    void imageNamesAreEncodedAsOnePathSegment() throws IOException {
        UnixSocketDockerEngine docker = answering(json(200, "{\"Id\":\"sha256:1\"}"));
        assertTrue(docker.imageExists("weft/weave:0.1.0"));
        assertRequest("GET", "/images/weft%2Fweave:0.1.0/json");
    }

    @Test
    void absentImage() throws IOException {
        assertFalse(answering(json(404, "{\"message\":\"No such image\"}")).imageExists("weft/weave:0.1.0"));
    }

    @Test
    void createPostsTheSpecAsJson() throws IOException {
        UnixSocketDockerEngine docker = answering(json(201, "{\"Id\":\"c0ffee\",\"Warnings\":[]}"));
        RunOptions options = new RunOptions.Builder().limit("--memory", 300L << 20).limit("--cpus", 1_000_000_000L)
                .label("team", "net").bind("/etc/weft:/etc/weft:ro").ulimit("nofile=1024:2048")
                .capAdd("CAP_NET_ADMIN").logDriver("json-file").logOpt("max-size", "10m").build();
        ContainerSpec spec = new ContainerSpec("weave", "weft/weave:0.1.0", List.of(), List.of("--port", "6783"),
                List.of("A=1"), List.of("/var/run/docker.sock:/var/run/docker.sock"), List.of("/w"),
                List.of("weavedb"), Map.of("weft", ""), true, true, "always", false, options);
        assertEquals("c0ffee", docker.create(spec));

        CannedEngine.Request request = engine.onlyRequest();
        assertEquals("POST /containers/create?name=weave", request.method() + " " + request.target());
        assertEquals("application/json", request.headers().get("content-type"));
        JsonNode body = new ObjectMapper().readTree(request.body());
        assertEquals("weft/weave:0.1.0", body.path("Image").asText());
        assertEquals(List.of("--port", "6783"), strings(body.path("Cmd")));
        assertTrue(body.path("Entrypoint").isMissingNode());
        assertEquals(List.of("A=1"), strings(body.path("Env")));
        assertEquals("{\"weft\":\"\",\"team\":\"net\"}", body.path("Labels").toString());
        assertEquals("{\"/w\":{}}", body.path("Volumes").toString());
        JsonNode host = body.path("HostConfig");
        assertTrue(host.path("Privileged").asBoolean());
        assertEquals(List.of("/var/run/docker.sock:/var/run/docker.sock", "/etc/weft:/etc/weft:ro"),
                strings(host.path("Binds")));
        assertEquals(List.of("weavedb"), strings(host.path("VolumesFrom")));
        assertEquals("host", host.path("NetworkMode").asText());
        assertEquals("host", host.path("PidMode").asText());
        assertEquals("{\"Name\":\"always\",\"MaximumRetryCount\":0}", host.path("RestartPolicy").toString());
        assertEquals(300L << 20, host.path("Memory").asLong());
        assertEquals(1_000_000_000L, host.path("NanoCpus").asLong());
        assertEquals("[{\"Name\":\"nofile\",\"Soft\":1024,\"Hard\":2048}]", host.path("Ulimits").toString());
        assertEquals(List.of("NET_ADMIN"), strings(host.path("CapAdd")));
        assertEquals("{\"Type\":\"json-file\",\"Config\":{\"max-size\":\"10m\"}}", host.path("LogConfig").toString());
    }

    @Test
    void createWithoutNameOrHostNetwork() throws IOException {
        UnixSocketDockerEngine docker = answering(json(201, "{\"Id\":\"c1\"}"));
        docker.create(new ContainerSpec(null, "weft/weavedb:latest", List.of("data-only"), List.of(), List.of(),
                List.of(), List.of("/weavedb"), List.of(), Map.of(), false, false, null, true));
        CannedEngine.Request request = engine.onlyRequest();
        assertEquals("/containers/create", request.target());
        JsonNode body = new ObjectMapper().readTree(request.body());
        assertEquals(List.of("data-only"), strings(body.path("Entrypoint")));
        assertTrue(body.path("HostConfig").path("NetworkMode").isMissingNode());
        assertTrue(body.path("HostConfig").path("RestartPolicy").isMissingNode());
        assertTrue(body.path("HostConfig").path("AutoRemove").asBoolean());
    }

    @Test
    void createFailureNamesTheContainer() throws IOException {
        UnixSocketDockerEngine docker = answering(json(409,
                "{\"message\":\"Conflict. The container name \\\"/weave\\\" is already in use\"}"));
        EngineException e = assertThrows(EngineException.class, () -> docker.create(new ContainerSpec("weave",
                "weft/weave:0.1.0", List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), Map.of(), false,
                false, null, false)));
        assertEquals("create container weave: Conflict. The container name \"/weave\" is already in use",
                e.getMessage());
    }

    @Test
    void anUnknownCapabilityIsRefusedBeforeAsking() throws IOException {
        UnixSocketDockerEngine docker = answering(json(201, "{\"Id\":\"c1\"}"));
        RunOptions options = new RunOptions.Builder().capAdd("NET_WIZARD").build();
        EngineException e = assertThrows(EngineException.class, () -> docker.create(new ContainerSpec("weave",
                "weft/weave:0.1.0", List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), Map.of(), false,
                false, null, false, options)));
        assertEquals("unknown capability NET_WIZARD", e.getMessage());
        assertEquals(List.of(), engine.requests());
    }

    @Test
    void startAcceptsAlreadyRunning() throws IOException {
        answering(empty(204)).start("c1");
        assertRequest("POST", "/containers/c1/start");
        close();
        answering(empty(304)).start("c1");
    }

    @Test
    void startOfAMissingContainerFails() throws IOException {
        UnixSocketDockerEngine docker = answering(json(404, "{\"message\":\"No such container: c1\"}"));
        assertEquals("start container c1: No such container: c1",
                assertThrows(EngineException.class, () -> docker.start("c1")).getMessage());
    }

    @Test
    void stopAcceptsStoppedAndGone() throws IOException {
        for (int status : new int[] {204, 304, 404}) {
            answering(empty(status)).stop("c1", 0);
            assertRequest("POST", "/containers/c1/stop?t=0");
            close();
        }
        UnixSocketDockerEngine docker = answering(json(500, "{\"message\":\"cannot stop\"}"));
        assertEquals("stop container c1: cannot stop",
                assertThrows(EngineException.class, () -> docker.stop("c1", 0)).getMessage());
    }

    @Test
    void stopWaitsForTheStopTimeoutBeyondTheDeadline() throws IOException {
        UnixSocketDockerEngine docker = answering(request -> null);
        long start = System.nanoTime();
        assertThrows(EngineException.class, () -> docker.stop("c1", 1));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMillis >= 1150 && elapsedMillis < 5000, elapsedMillis + " ms");
    }

    @Test
    void killAndItsFailure() throws IOException {
        answering(empty(204)).kill("c1");
        assertRequest("POST", "/containers/c1/kill");
        close();
        UnixSocketDockerEngine docker = answering(json(409, "{\"message\":\"Container c1 is not running\"}"));
        assertEquals("kill container c1: Container c1 is not running",
                assertThrows(EngineException.class, () -> docker.kill("c1")).getMessage());
    }

    @Test
    void disableRestartUpdatesThePolicy() throws IOException {
        answering(json(200, "{\"Warnings\":[]}")).disableRestart("c1");
        CannedEngine.Request request = engine.onlyRequest();
        assertEquals("POST /containers/c1/update", request.method() + " " + request.target());
        assertEquals("{\"RestartPolicy\":{\"Name\":\"no\"}}", new ObjectMapper().readTree(request.body()).toString());
    }

    @Test
    void logTailDecodesTheMultiplexedStreamInChunks() throws IOException {
        byte[] stream = concat(frame(1, "starting\n"), frame(2, "error: no such device\nbye\n"));
        UnixSocketDockerEngine docker = answering(chunked(200, "application/vnd.docker.multiplexed-stream", stream, 5));
        assertEquals(List.of("starting", "error: no such device", "bye"), docker.logTail("c1", 5));
        CannedEngine.Request request = engine.onlyRequest();
        assertEquals("/containers/c1/logs", request.path());
        assertEquals(Map.of("stdout", "1", "stderr", "1", "tail", "5"), request.query());
    }

    @Test
    void logTailOfATtyContainerIsRaw() throws IOException {
        UnixSocketDockerEngine docker = answering(CannedEngine.answer(200, "application/vnd.docker.raw-stream",
                "one\r\ntwo\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of("one", "two"), docker.logTail("c1", 2));
    }

    @Test
    void removeAcceptsGone() throws IOException {
        answering(empty(204)).remove("c1", true, false);
        assertRequest("DELETE", "/containers/c1?force=true&v=false");
        close();
        answering(json(404, "{\"message\":\"No such container: c1\"}")).remove("c1", false, true);
        assertRequest("DELETE", "/containers/c1?force=false&v=true");
        close();
        UnixSocketDockerEngine docker = answering(json(409, "{\"message\":\"removal in progress\"}"));
        assertEquals("remove container c1: removal in progress",
                assertThrows(EngineException.class, () -> docker.remove("c1", true, true)).getMessage());
    }

    @Test
    void containersLabelledFiltersByLabel() throws IOException {
        UnixSocketDockerEngine docker = answering(chunked(200, "application/json",
                "[{\"Id\":\"a1\",\"Names\":[\"/weavedb\"]},{\"Id\":\"b2\"}]".getBytes(StandardCharsets.UTF_8), 7));
        assertEquals(List.of("a1", "b2"), docker.containersLabelled("weft.volumes"));
        CannedEngine.Request request = engine.onlyRequest();
        assertEquals("/containers/json", request.path());
        assertEquals(Map.of("all", "1", "filters", "{\"label\":[\"weft.volumes\"]}"), request.query());
    }

    @Test
    void anEngineThatNeverAnswersRunsIntoTheDeadline() throws IOException {
        UnixSocketDockerEngine docker = answering(request -> null);
        long start = System.nanoTime();
        EngineException e = assertThrows(EngineException.class, () -> docker.inspect("weave"));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals("inspect container weave: the Docker engine at " + engine.dockerHost()
                + " did not answer in time (no answer within 200 ms)", e.getMessage());
        assertTrue(elapsedMillis >= 190 && elapsedMillis < 2000, elapsedMillis + " ms");
    }

    @Test
    void noEngineOnTheSocket() {
        Path missing = dir.resolve("none.sock");
        UnixSocketDockerEngine docker = new UnixSocketDockerEngine(missing, DEADLINE, () -> runner);
        EngineException e = assertThrows(EngineException.class, () -> docker.inspect("weave"));
        assertTrue(e.getMessage().startsWith("inspect container weave: cannot reach the Docker engine at unix://"
                + missing + ": "), e.getMessage());
    }

    @Test
    void runGoesToTheRunnerMadeOnFirstUse() throws IOException {
        UnixSocketDockerEngine docker = answering(json(200, "{}"));
        docker.imageExists("weft/weaveexec:0.1.0");
        assertEquals(0, runnersMade.get());
        runner.runOutput = "ok\n";
        ContainerSpec spec = new ContainerSpec(null, "weft/weaveexec:0.1.0", List.of(), List.of("status"), List.of(),
                List.of(), List.of(), List.of(), Map.of(), true, true, null, false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        docker.run(spec, out, new ByteArrayOutputStream());
        docker.run(spec, out, new ByteArrayOutputStream());
        assertEquals(1, runnersMade.get());
        assertEquals("ok\nok\n", out.toString(StandardCharsets.UTF_8));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    static byte[] frame(int stream, String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[8 + bytes.length];
        frame[0] = (byte) stream;
        frame[4] = (byte) (bytes.length >>> 24);
        frame[5] = (byte) (bytes.length >>> 16);
        frame[6] = (byte) (bytes.length >>> 8);
        frame[7] = (byte) bytes.length;
        System.arraycopy(bytes, 0, frame, 8, bytes.length);
        return frame;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
