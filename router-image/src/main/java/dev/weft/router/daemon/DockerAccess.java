package dev.weft.router.daemon;

import com.github.dockerjava.api.DockerClient;
import dev.weft.router.docker.Containers;
import dev.weft.router.docker.DockerClients;
import dev.weft.router.docker.DockerContainers;
import dev.weft.router.docker.DockerEventStream;
import dev.weft.router.docker.EventStream;

/** The Docker engine as the router uses it: container inspection and the event stream. */
record DockerAccess(Containers containers, EventStream events, AutoCloseable client) implements AutoCloseable {

    static DockerAccess connect(String dockerApi) {
        DockerClient docker = DockerClients.connect(dockerApi);
        return new DockerAccess(new DockerContainers(docker), new DockerEventStream(docker), docker);
    }

    @Override
    public void close() throws Exception {
        client.close();
    }
}
