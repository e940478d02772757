package dev.weft.router.daemon;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.weft.router.concurrent.DaemonThreads;
import dev.weft.router.docker.ContainerInfo;
import dev.weft.router.docker.Containers;
import dev.weft.router.docker.DockerClients;
import dev.weft.router.docker.DockerContainers;
import dev.weft.router.docker.DockerEventStream;
import dev.weft.router.docker.EventStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The Docker engine as the router uses it: container inspection and the event stream, each on a
 * client of its own so that the stream's long read time-out never applies to a command.
 */
record DockerAccess(Containers containers, EventStream events, AutoCloseable client) implements AutoCloseable {

    static DockerAccess connect(String dockerApi) {
        DockerHttpClient commands = DockerClients.transport(dockerApi, DockerClients.COMMAND_TIMEOUT);
        DockerClient stream = DockerClients.connect(dockerApi, DockerClients.EVENT_STREAM_TIMEOUT);
        return new DockerAccess(new DockerContainers(commands), new DockerEventStream(stream), () -> {
            try (commands; stream) {
                // both closed, the second even when the first fails
            }
        });
    }

    /**
     * Makes the clients on a thread of their own and returns at once; each call waits for them. The
     * Docker client loads some 1,600 classes (about half a second of a start): made beside the
     * bridge, the data plane and the mesh, it no longer delays a peer joining.
     */
    static DockerAccess connectInBackground(String dockerApi) {
        CompletableFuture<DockerAccess> connecting = CompletableFuture.supplyAsync(() -> connect(dockerApi),
                DaemonThreads.startingEach("docker-connect"));
        Containers containers = new Containers() {
            @Override
            public Optional<ContainerInfo> inspect(String nameOrId) {
                return await(connecting).containers().inspect(nameOrId);
            }

            @Override
            public List<String> runningIds() {
                return await(connecting).containers().runningIds();
            }
        };
        EventStream events = sink -> await(connecting).events().follow(sink);
        return new DockerAccess(containers, events, () -> {
            if (!connecting.isDone()) {
                connecting.thenAccept(DockerAccess::closeQuietly);
            } else if (!connecting.isCompletedExceptionally()) {
                connecting.join().close();
            }
        });
    }

    private static DockerAccess await(CompletableFuture<DockerAccess> connecting) {
        try {
            return connecting.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (Exception ignored) {
            // closing after the router stopped: nothing is left to report to
        }
    }

    @Override
    public void close() throws Exception {
        client.close();
    }
}
