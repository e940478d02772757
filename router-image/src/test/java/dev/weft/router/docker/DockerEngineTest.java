package dev.weft.router.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.api.model.HostConfig;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * docker-java against a real engine: inspect and the event stream. Runs only when
 * {@code WEFT_TEST_DOCKER_HOST} names an engine (e.g. the lab's builder, see {@code scripts/lab build-env})
 * that has the image {@code WEFT_TEST_IMAGE} (default {@code weft-test/small}) with a {@code sleep}.
 */
@Tag("docker")
class DockerEngineTest {

    @Test
    void inspectAndEventsOfARealContainer() throws Exception {
        String host = System.getenv("WEFT_TEST_DOCKER_HOST");
        assumeTrue(host != null && !host.isEmpty(), "WEFT_TEST_DOCKER_HOST not set: no Docker engine to test against");
        String image = System.getenv().getOrDefault("WEFT_TEST_IMAGE", "weft-test/small");
        try (DockerClient docker = DockerClients.connect(host);
             DockerHttpClient transport = DockerClients.transport(host, DockerClients.COMMAND_TIMEOUT)) {
            BlockingQueue<String> events = new LinkedBlockingQueue<>();
            DockerEventWatcher watcher = new DockerEventWatcher(new DockerEventStream(docker));
            watcher.subscribe(new dev.weft.router.api.ContainerEvents() {
                @Override
                public void started(String id) {
                    events.add("start " + id);
                }

                @Override
                public void died(String id) {
                    events.add("die " + id);
                }

                @Override
                public void destroyed(String id) {
                    events.add("destroy " + id);
                }
            });
            watcher.start();
            Thread.sleep(500); // let the stream connect
            String name = "rhost-test-" + ProcessHandle.current().pid();
            String id = docker.createContainerCmd(image).withName(name).withCmd("sleep", "30")
                    .withHostName("web").withDomainName("weave.local")
                    .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none")).exec().getId();
            try {
                docker.startContainerCmd(id).exec();
                DockerContainers containers = new DockerContainers(transport);
                ContainerInfo info = containers.inspect(name).orElseThrow();
                assertEquals(id, info.id());
                assertEquals(name, info.name());
                assertTrue(info.running());
                assertTrue(info.pid() > 0);
                assertEquals("web.weave.local", info.fqdn());
                assertEquals("none", info.networkMode());
                assertTrue(containers.runningIds().contains(id));
                assertEquals(info, containers.inspect(id.substring(0, 12)).orElseThrow());
                assertEquals("start " + id, events.poll(10, TimeUnit.SECONDS));
                docker.killContainerCmd(id).exec();
                assertEquals("die " + id, events.poll(10, TimeUnit.SECONDS));
            } finally {
                docker.removeContainerCmd(id).withForce(true).exec();
            }
            assertEquals("destroy " + id, events.poll(10, TimeUnit.SECONDS));
            assertTrue(new DockerContainers(transport).inspect(name).isEmpty());
            assertFalse(new InspectLiveness(new DockerContainers(transport)).isRunning(id));
            assertEquals(List.of(), List.copyOf(events));
            watcher.close();
        }
    }
}
