package dev.weft.router.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.EventsCmd;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Docker's {@code /events} for containers' start, die and destroy, through docker-java. After a
 * reconnection it asks for events since the last one seen, so that none are lost in between
 * (events of that second may come twice; subscribers treat them idempotently). When the client's
 * read time-out ends a quiet stream it is opened again here, from just before that moment: nothing
 * came, so nothing was missed.
 */
public final class DockerEventStream implements EventStream {
    private final DockerClient docker;
    private volatile long lastSeenEpochSecond;

    public DockerEventStream(DockerClient docker) {
        this.docker = docker;
    }

    @Override
    public void follow(Consumer<ContainerEvent> sink) throws Exception {
        while (followUntilQuiet(sink)) {
            lastSeenEpochSecond = Math.max(lastSeenEpochSecond, Instant.now().getEpochSecond() - 1);
        }
    }

    /** True when the stream ended by the read time-out; false when the engine ended it. */
    private boolean followUntilQuiet(Consumer<ContainerEvent> sink) throws InterruptedException, java.io.IOException {
        boolean[] quiet = {false};
        ResultCallback.Adapter<Event> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onError(Throwable error) {
                if (isReadTimeout(error)) {
                    quiet[0] = true;
                    onComplete();
                } else {
                    super.onError(error);
                }
            }

            @Override
            public void onNext(Event event) {
                if (event.getTime() != null) {
                    lastSeenEpochSecond = event.getTime();
                }
                String action = event.getAction() != null ? event.getAction() : event.getStatus();
                if (action != null && event.getId() != null) {
                    sink.accept(new ContainerEvent(action, event.getId()));
                }
            }
        };
        EventsCmd command = docker.eventsCmd()
                .withEventTypeFilter(EventType.CONTAINER)
                .withEventFilter(DockerEventWatcher.START, DockerEventWatcher.DIE, DockerEventWatcher.DESTROY);
        long since = lastSeenEpochSecond;
        if (since == 0) {
            lastSeenEpochSecond = Instant.now().getEpochSecond(); // a reconnection replays from here
        } else {
            command = command.withSince(Long.toString(since));
        }
        try (ResultCallback.Adapter<Event> running = command.exec(callback)) {
            running.awaitCompletion();
        }
        return quiet[0];
    }

    /** The stream's read time-out, as docker-java reports it (wrapped, possibly several times). */
    static boolean isReadTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
