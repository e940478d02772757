package dev.weft.router.daemon;

import com.github.dockerjava.api.DockerClient;
import dev.weft.router.docker.Containers;
import dev.weft.router.docker.DockerClients;
import dev.weft.router.docker.DockerContainers;
import dev.weft.router.docker.DockerEventStream;
import dev.weft.router.docker.EventStream;

/**
 * The Docker engine as the router uses it: container inspection and the event stream, each on a
 * client of its own so that the stream's long read time-out never applies to a command.
 */
record DockerAccess(Containers containers, EventStream events, AutoCloseable client) implements AutoCloseable {

    static DockerAccess connect(String dockerApi) {
        DockerClient commands = DockerClients.connect(dockerApi, DockerClients.COMMAND_TIMEOUT);
        DockerClient stream = DockerClients.connect(dockerApi, DockerClients.EVENT_STREAM_TIMEOUT);
        return new DockerAccess(new DockerContainers(commands), new DockerEventStream(stream), () -> {
            try (commands; stream) {
                // both closed, the second even when the first fails
            }
        });
    }

    @Override
    public void close() throws Exception {
        client.close();
    }
}
