package dev.weft.router.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.transport.DockerHttpClient;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link DockerContainers} against an engine answering over HTTP what the test tells it to. */
class DockerContainersHttpTest {
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final List<String> requested = new CopyOnWriteArrayList<>();
    private HttpServer engine;
    private DockerHttpClient transport;
    private DockerContainers containers;

    @BeforeEach
    void start() throws IOException {
        engine = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        engine.createContext("/", this::answer);
        engine.start();
        transport = DockerClients.transport("tcp://127.0.0.1:" + engine.getAddress().getPort(), Duration.ofSeconds(5));
        containers = new DockerContainers(transport);
    }

    @AfterEach
    void stop() throws IOException {
        transport.close();
        engine.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        requested.add(path);
        String answer = answers.getOrDefault(path, "404 {\"message\":\"No such container\"}");
        int space = answer.indexOf(' ');
        byte[] body = answer.substring(space + 1).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(Integer.parseInt(answer.substring(0, space)), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Test
    void inspectReadsTheFieldsTheRouterUses() {
        answers.put("/containers/web/json", """
                200 {"Id":"4f1c2a9d8e7b6a5c","Name":"/web","HostsPath":"/h","Image":"sha256:1",
                 "State":{"Running":true,"Restarting":false,"Pid":4242,"Health":{"Log":[]}},
                 "Config":{"Hostname":"web","Domainname":"weave.local","Env":null},
                 "HostConfig":{"NetworkMode":"default"},"Mounts":[]}""");
        assertEquals(new ContainerInfo("4f1c2a9d8e7b6a5c", "web", 4242, true, false, "web", "weave.local", "default",
                "/h"), containers.inspect("web").orElseThrow());
    }

    @Test
    void anUnknownContainerIsEmptyAndARefNoContainerCanHaveIsNotAsked() {
        assertTrue(containers.inspect("nope").isEmpty());
        assertTrue(containers.inspect("a/../../info").isEmpty());
        assertTrue(containers.inspect("web?all=1").isEmpty());
        assertTrue(containers.inspect("").isEmpty());
        assertEquals(List.of("/containers/nope/json"), requested);
    }

    @Test
    void anEngineErrorSaysWhatFailedAndWhy() {
        answers.put("/containers/web/json", "500 {\"message\":\"devicemapper: out of space\"}");
        DockerUnavailableException e = assertThrows(DockerUnavailableException.class, () -> containers.inspect("web"));
        assertEquals("inspect container web: the engine answered 500 devicemapper: out of space", e.getMessage());
    }

    @Test
    void listingGivesTheRunningIds() {
        answers.put("/containers/json", "200 [{\"Id\":\"aaa\",\"Names\":[\"/a\"]},{\"Id\":\"bbb\",\"Names\":[\"/b\"]}]");
        assertEquals(List.of("aaa", "bbb"), containers.runningIds());
    }

    @Test
    void anAnswerLargerThanTheBoundIsRefused() {
        answers.put("/containers/json", "200 [\"" + "x".repeat(DockerContainers.MAX_ANSWER_BYTES) + "\"]");
        DockerUnavailableException e = assertThrows(DockerUnavailableException.class, containers::runningIds);
        assertTrue(e.getMessage().startsWith("list containers: the engine's answer is larger than"), e.getMessage());
    }
}
