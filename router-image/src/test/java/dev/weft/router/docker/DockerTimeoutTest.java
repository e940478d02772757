package dev.weft.router.docker;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.transport.DockerHttpClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A Docker engine that does not answer never holds the router for longer than the client's time-out. */
class DockerTimeoutTest {

    @Test
    void inspectingOnAHungEngineFailsWithinTheTimeout() throws Exception {
        try (SilentEngine engine = new SilentEngine();
             DockerHttpClient client = DockerClients.transport(engine.host(), Duration.ofMillis(500))) {
            DockerContainers containers = new DockerContainers(client);
            long started = System.nanoTime();
            DockerUnavailableException e = assertThrows(DockerUnavailableException.class, () -> containers.inspect("web"));
            assertTrue(e.getMessage().startsWith("inspect container web: "), e.getMessage());
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5));
            assertThrows(DockerUnavailableException.class, containers::runningIds);
            assertTrue(new InspectLiveness(containers).isRunning("web"), "unknown is treated as running: nothing is freed");
        }
    }

    @Test
    void aQuietEventStreamIsReopenedAfterTheReadTimeoutWithoutReplayingOldEvents() throws Exception {
        try (SilentEngine engine = new SilentEngine();
             DockerClient client = DockerClients.connect(engine.host(), Duration.ofMillis(400))) {
            DockerEventStream stream = new DockerEventStream(client);
            Thread follower = new Thread(() -> {
                try {
                    stream.follow(event -> { });
                } catch (Exception e) {
                    // interrupted at the end of the test
                }
            });
            follower.setDaemon(true);
            follower.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (engine.requestLines.stream().filter(l -> l.contains("/events")).count() < 3
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            follower.interrupt();
            var opened = engine.requestLines.stream().filter(l -> l.contains("/events")).toList();
            assertTrue(opened.size() >= 3, "re-opened after each quiet time-out: " + engine.requestLines);
            assertTrue(opened.get(2).contains("since="), opened.toString());
        }
    }
}
