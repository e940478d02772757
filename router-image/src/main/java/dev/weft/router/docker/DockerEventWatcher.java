package dev.weft.router.docker;

import dev.weft.router.api.BackgroundFailures;
import dev.weft.router.api.ContainerEvents;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows Docker's container events on its own thread and hands {@code start}, {@code die} and
 * {@code destroy} to every subscriber. When the stream ends or breaks it reconnects after a delay
 * that doubles from 1 s up to 30 s, and starts again at 1 s once a connection delivered an event.
 * A subscriber's failure and a broken stream are logged and counted in {@link BackgroundFailures}.
 */
public final class DockerEventWatcher implements AutoCloseable {
    static final String START = "start";
    static final String DIE = "die";
    static final String DESTROY = "destroy";
    private static final Logger LOG = LoggerFactory.getLogger(DockerEventWatcher.class);

    private final EventStream stream;
    private final BackgroundFailures failures;
    private final List<ContainerEvents> subscribers = new CopyOnWriteArrayList<>();
    private final long firstDelayMillis;
    private final long maxDelayMillis;
    private volatile boolean closed;
    private volatile int connections;
    private Thread thread;

    public DockerEventWatcher(EventStream stream) {
        this(stream, new BackgroundFailures());
    }

    public DockerEventWatcher(EventStream stream, BackgroundFailures failures) {
        this(stream, failures, 1000, 30_000);
    }

    DockerEventWatcher(EventStream stream, BackgroundFailures failures, long firstDelayMillis, long maxDelayMillis) {
        this.stream = stream;
        this.failures = failures;
        this.firstDelayMillis = firstDelayMillis;
        this.maxDelayMillis = maxDelayMillis;
    }

    public void subscribe(ContainerEvents subscriber) {
        subscribers.add(subscriber);
    }

    public synchronized void start() {
        if (thread == null) {
            thread = new Thread(this::run, "docker-events");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** How many times the stream has been opened (for tests and status). */
    public int connections() {
        return connections;
    }

    /** Hands one event to the subscribers; other actions are ignored. */
    public void dispatch(ContainerEvent event) {
        for (ContainerEvents subscriber : subscribers) {
            try {
                switch (event.action()) {
                    case START -> subscriber.started(event.containerId());
                    case DIE -> subscriber.died(event.containerId());
                    case DESTROY -> subscriber.destroyed(event.containerId());
                    default -> { }
                }
            } catch (RuntimeException e) {
                failures.record(START.equals(event.action()) ? "container-start" : BackgroundFailures.CONTAINER_DEATH,
                        LOG, "handling container event " + event.action() + " " + event.containerId(), e);
            }
        }
    }

    private void run() {
        long delay = firstDelayMillis;
        while (!closed) {
            boolean[] delivered = {false};
            connections++;
            try {
                stream.follow(event -> {
                    delivered[0] = true;
                    dispatch(event);
                });
                if (!closed) {
                    LOG.warn("Docker event stream ended; reconnecting");
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (!closed) {
                    failures.record(BackgroundFailures.DOCKER_EVENTS, LOG,
                            "Docker event stream (reconnecting in " + delay + " ms)", e);
                }
            }
            if (delivered[0]) {
                delay = firstDelayMillis;
            }
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                return;
            }
            delay = Math.min(delay * 2, maxDelayMillis);
        }
    }

    @Override
    public void close() {
        closed = true;
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            t.interrupt();
        }
    }
}
