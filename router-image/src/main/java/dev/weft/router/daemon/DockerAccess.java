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
final class DockerAccess implements AutoCloseable {

    private final Containers containers;
    private final EventStream events;
    private final AutoCloseable client;
    private final Runnable prepare;

    DockerAccess(Containers containers, EventStream events, AutoCloseable client) {
        this(containers, events, client, () -> { });
    }

    private DockerAccess(Containers containers, EventStream events, AutoCloseable client, Runnable prepare) {
        this.containers = containers;
        this.events = events;
        this.client = client;
        this.prepare = prepare;
    }

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
     * Makes the clients on a thread of their own when first asked: by {@link #prepare()} or by a call,
     * which waits for them. The Docker client loads some 1,600 classes (about half a second of a core):
     * made after the mesh has dialled, it no longer takes a core from a peer joining.
     */
    static DockerAccess connectOnDemand(String dockerApi) {
        OnDemand connecting = new OnDemand(dockerApi);
        Containers containers = new Containers() {
            @Override
            public Optional<ContainerInfo> inspect(String nameOrId) {
                return connecting.await().containers().inspect(nameOrId);
            }

            @Override
            public List<String> runningIds() {
                return connecting.await().containers().runningIds();
            }
        };
        EventStream events = sink -> connecting.await().events().follow(sink);
        return new DockerAccess(containers, events, connecting::close, connecting::start);
    }

    Containers containers() {
        return containers;
    }

    EventStream events() {
        return events;
    }

    /** Starts making the clients now, in the background, if they are made on demand. */
    void prepare() {
        prepare.run();
    }

    @Override
    public void close() throws Exception {
        client.close();
    }

    /** The clients, made once on a thread of their own from the first time they are wanted. */
    private static final class OnDemand {
        private final String dockerApi;
        private CompletableFuture<DockerAccess> connecting;
        private boolean closed;

        OnDemand(String dockerApi) {
            this.dockerApi = dockerApi;
        }

        synchronized CompletableFuture<DockerAccess> start() {
            if (connecting == null) {
                connecting = CompletableFuture.supplyAsync(() -> connect(dockerApi),
                        DaemonThreads.startingEach("docker-connect"));
                if (closed) {
                    connecting.thenAccept(OnDemand::closeQuietly);
                }
            }
            return connecting;
        }

        DockerAccess await() {
            try {
                return start().join();
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

        synchronized void close() throws Exception {
            closed = true;
            if (connecting == null) {
                return;
            }
            if (!connecting.isDone()) {
                connecting.thenAccept(OnDemand::closeQuietly);
            } else if (!connecting.isCompletedExceptionally()) {
                connecting.join().close();
            }
        }

        private static void closeQuietly(DockerAccess access) {
            try {
                access.close();
            } catch (Exception ignored) {
                // closing after the router stopped: nothing is left to report to
            }
        }
    }
}
