package dev.weft.weaveutil.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The reaper's bookkeeping against an in-memory kernel whose group deletion can be held up. */
class LinkReaperTest {
    private static final Duration LIMIT = Duration.ofSeconds(10);

    /** Links by index with their group; a group deletion waits while its one permit is drained. */
    static final class FakeKernel implements LinkReaper.Kernel {
        final Map<Integer, Integer> groups = new HashMap<>();
        final Set<Integer> down = new HashSet<>();
        final Semaphore groupDeletionPermits = new Semaphore(1);
        final CountDownLatch groupDeletionStarted = new CountDownLatch(1);
        int groupDeletions;
        int singleDeletions;
        RuntimeException groupFailure;
        RuntimeException singleFailure;
        boolean closed;

        synchronized void add(int index) {
            groups.put(index, 0);
        }

        synchronized boolean exists(int index) {
            return groups.containsKey(index);
        }

        @Override
        public synchronized void retire(int index, int group) {
            if (!groups.containsKey(index)) {
                throw new LinkNotFoundException("retire link #" + index);
            }
            groups.put(index, group);
            down.add(index);
        }

        @Override
        public boolean deleteGroup(int group) {
            groupDeletionStarted.countDown();
            groupDeletionPermits.acquireUninterruptibly();
            groupDeletionPermits.release();
            synchronized (this) {
                groupDeletions++;
                if (groupFailure != null) {
                    throw groupFailure;
                }
                return groups.values().removeIf(g -> g == group);
            }
        }

        @Override
        public synchronized boolean delete(int index) {
            singleDeletions++;
            if (singleFailure != null) {
                throw singleFailure;
            }
            return groups.remove(index) != null;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private final FakeKernel kernel = new FakeKernel();
    private final LinkReaper reaper = new LinkReaper(kernel, "test-reaper");

    @AfterEach
    void closeReaper() {
        if (kernel.groupDeletionPermits.availablePermits() == 0) {
            kernel.groupDeletionPermits.release();
        }
        kernel.groupFailure = null;
        kernel.singleFailure = null;
        assertTimeoutPreemptively(LIMIT, reaper::close);
    }

    @Test
    void aRetiredLinkIsDownAtOnceAndGoneAfterFlush() {
        kernel.add(7);
        kernel.add(8);
        reaper.retire(7, "vethwepl7");
        assertTrue(kernel.down.contains(7));
        assertTimeoutPreemptively(LIMIT, reaper::flush);
        assertFalse(kernel.exists(7));
        assertTrue(kernel.exists(8), "a link that was not retired stays");
        assertFalse(reaper.isPending("vethwepl7"));
    }

    @Test
    void linksRetiredDuringADeletionAreDeletedTogetherInTheNextOne() throws Exception {
        kernel.groupDeletionPermits.drainPermits();
        for (int i = 1; i <= 10; i++) {
            kernel.add(i);
        }
        reaper.retire(1, "l1");
        assertTrue(kernel.groupDeletionStarted.await(10, TimeUnit.SECONDS));
        for (int i = 2; i <= 10; i++) {
            reaper.retire(i, "l" + i);
        }
        kernel.groupDeletionPermits.release();
        assertTimeoutPreemptively(LIMIT, reaper::flush);
        for (int i = 1; i <= 10; i++) {
            assertFalse(kernel.exists(i), "link " + i);
        }
        assertTrue(kernel.groupDeletions <= 2, "ten links took " + kernel.groupDeletions + " group deletions");
    }

    @Test
    void awaitGoneWaitsForThatLinksDeletion() throws Exception {
        kernel.groupDeletionPermits.drainPermits();
        kernel.add(3);
        reaper.retire(3, "vethwepl3");
        assertTrue(reaper.isPending("vethwepl3"));
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> reaper.awaitGone("vethwepl3"));
        assertTrue(kernel.groupDeletionStarted.await(10, TimeUnit.SECONDS));
        Thread.sleep(50);
        assertFalse(waiting.isDone(), "returned before the link was deleted");
        kernel.groupDeletionPermits.release();
        waiting.get(10, TimeUnit.SECONDS);
        assertFalse(kernel.exists(3));
        reaper.awaitGone("never-retired");
    }

    @Test
    void aRefusedGroupDeletionFallsBackToOneLinkAtATime() {
        kernel.groupFailure = new IllegalStateException("EOPNOTSUPP");
        kernel.add(4);
        kernel.add(5);
        reaper.retire(4, "a");
        reaper.retire(5, "b");
        assertTimeoutPreemptively(LIMIT, reaper::flush);
        assertFalse(kernel.exists(4));
        assertFalse(kernel.exists(5));
        assertTrue(kernel.singleDeletions >= 2);
    }

    @Test
    void aFailedDeletionIsToldToTheListenerAsItHappens() throws Exception {
        java.util.concurrent.BlockingQueue<RuntimeException> told = new java.util.concurrent.LinkedBlockingQueue<>();
        reaper.onFailure(told::add);
        kernel.groupFailure = new IllegalStateException("group refused");
        kernel.singleFailure = new IllegalStateException("EBUSY");
        kernel.add(9);
        reaper.retire(9, "d");
        RuntimeException failure = told.poll(LIMIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(failure != null && failure.getMessage().equals("group refused"), String.valueOf(failure));
        assertThrows(IllegalStateException.class, reaper::flush);
    }

    @Test
    void aFailedDeletionIsReportedByFlushOnce() {
        kernel.groupFailure = new IllegalStateException("group refused");
        kernel.singleFailure = new IllegalStateException("EBUSY");
        kernel.add(6);
        reaper.retire(6, "c");
        IllegalStateException thrown = assertTimeoutPreemptively(LIMIT,
                () -> assertThrows(IllegalStateException.class, reaper::flush));
        assertSame(kernel.groupFailure, thrown);
        assertEquals("EBUSY", thrown.getSuppressed()[0].getMessage());
        kernel.groupFailure = null;
        kernel.singleFailure = null;
        assertTimeoutPreemptively(LIMIT, reaper::flush);
    }

    @Test
    void retiringAMissingLinkFailsAtOnceAndLeavesNothingPending() {
        assertThrows(LinkNotFoundException.class, () -> reaper.retire(99, "ghost"));
        assertFalse(reaper.isPending("ghost"));
        assertTimeoutPreemptively(LIMIT, reaper::flush);
    }

    @Test
    void closeDeletesWhatIsRetiredAndRefusesMore() {
        kernel.add(9);
        reaper.retire(9, "d");
        assertTimeoutPreemptively(LIMIT, reaper::close);
        assertFalse(kernel.exists(9));
        assertTrue(kernel.closed);
        kernel.add(10);
        assertThrows(IllegalStateException.class, () -> reaper.retire(10, "e"));
        assertTrue(kernel.exists(10));
    }
}
