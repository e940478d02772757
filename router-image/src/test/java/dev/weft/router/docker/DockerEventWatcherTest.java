package dev.weft.router.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.api.BackgroundFailures;
import dev.weft.router.api.ContainerEvents;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DockerEventWatcherTest {

    static final class Recorder implements ContainerEvents {
        final List<String> seen = new CopyOnWriteArrayList<>();

        @Override
        public void started(String id) {
            seen.add("started " + id);
        }

        @Override
        public void died(String id) {
            seen.add("died " + id);
        }

        @Override
        public void destroyed(String id) {
            seen.add("destroyed " + id);
        }
    }

    @Test
    void mapsDockerActionsToCallbacksForEverySubscriber() {
        DockerEventWatcher watcher = new DockerEventWatcher(sink -> { });
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        watcher.subscribe(a);
        watcher.subscribe(b);
        watcher.dispatch(new ContainerEvent("start", "c1"));
        watcher.dispatch(new ContainerEvent("exec_start: sh", "c1"));
        watcher.dispatch(new ContainerEvent("die", "c1"));
        watcher.dispatch(new ContainerEvent("destroy", "c1"));
        List<String> expected = List.of("started c1", "died c1", "destroyed c1");
        assertEquals(expected, a.seen);
        assertEquals(expected, b.seen);
    }

    @Test
    void aFailingSubscriberDoesNotStopTheOthersAndIsCounted() {
        BackgroundFailures failures = new BackgroundFailures();
        DockerEventWatcher watcher = new DockerEventWatcher(sink -> { }, failures);
        watcher.subscribe(new ContainerEvents() {
            @Override
            public void started(String id) {
                throw new IllegalStateException("boom");
            }

            @Override
            public void died(String id) {
                throw new IllegalStateException("store is read-only");
            }
        });
        Recorder r = new Recorder();
        watcher.subscribe(r);
        watcher.dispatch(new ContainerEvent("start", "c2"));
        watcher.dispatch(new ContainerEvent("die", "c2"));
        assertEquals(List.of("started c2", "died c2"), r.seen);
        assertEquals(1, failures.count(BackgroundFailures.CONTAINER_DEATH));
    }

    @Test
    void reconnectsAfterTheStreamBreaks() throws Exception {
        AtomicInteger opened = new AtomicInteger();
        CountDownLatch third = new CountDownLatch(1);
        EventStream flaky = sink -> {
            int n = opened.incrementAndGet();
            if (n == 3) {
                sink.accept(new ContainerEvent("die", "c3"));
                third.countDown();
                Thread.sleep(60_000);
            }
            throw new IOException("connection reset");
        };
        Recorder r = new Recorder();
        BackgroundFailures failures = new BackgroundFailures();
        try (DockerEventWatcher watcher = new DockerEventWatcher(flaky, failures, 10, 40)) {
            watcher.subscribe(r);
            watcher.start();
            assertTrue(third.await(5, TimeUnit.SECONDS), "third connection not made");
            assertEquals(3, watcher.connections());
        }
        assertEquals(List.of("died c3"), r.seen);
        assertEquals(2, failures.count(BackgroundFailures.DOCKER_EVENTS), "each break is counted");
    }
}
