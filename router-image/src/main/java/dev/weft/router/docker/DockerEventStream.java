package dev.weft.router.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.EventsCmd;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Docker's {@code /events} for containers' start, die and destroy, through docker-java. After a
 * reconnection it asks for events since the last one seen, so that none are lost in between
 * (events of that second may come twice; subscribers treat them idempotently).
 */
public final class DockerEventStream implements EventStream {
    private final DockerClient docker;
    private volatile long lastSeenEpochSecond;

    public DockerEventStream(DockerClient docker) {
        this.docker = docker;
    }

    @Override
    public void follow(Consumer<ContainerEvent> sink) throws Exception {
        ResultCallback.Adapter<Event> callback = new ResultCallback.Adapter<>() {
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
    }
}
