package dev.weft.router.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import java.util.function.Consumer;

/** Docker's {@code /events} for containers' start, die and destroy, through docker-java. */
public final class DockerEventStream implements EventStream {
    private final DockerClient docker;

    public DockerEventStream(DockerClient docker) {
        this.docker = docker;
    }

    @Override
    public void follow(Consumer<ContainerEvent> sink) throws Exception {
        ResultCallback.Adapter<Event> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Event event) {
                String action = event.getAction() != null ? event.getAction() : event.getStatus();
                if (action != null && event.getId() != null) {
                    sink.accept(new ContainerEvent(action, event.getId()));
                }
            }
        };
        try (ResultCallback.Adapter<Event> running = docker.eventsCmd()
                .withEventTypeFilter(EventType.CONTAINER)
                .withEventFilter(DockerEventWatcher.START, DockerEventWatcher.DIE, DockerEventWatcher.DESTROY)
                .exec(callback)) {
            running.awaitCompletion();
        }
    }
}
