package dev.weft.router.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class StartupWaitsTest {

    @Test
    void givesTheResult() throws Exception {
        assertEquals("up", StartupWaits.await(CompletableFuture.completedFuture("up"), Duration.ofSeconds(1), "late"));
    }

    @Test
    void throwsWhatTheWorkThrewUnwrapped() {
        IOException failure = new IOException("bridge weave: permission denied");
        IOException thrown = assertThrows(IOException.class, () -> StartupWaits.await(
                CompletableFuture.failedFuture(failure), Duration.ofSeconds(1), "late"));
        assertSame(failure, thrown);
    }

    @Test
    void saysWhatIsLateWhenThePatienceRunsOut() {
        IllegalStateException late = assertThrows(IllegalStateException.class, () -> StartupWaits.await(
                new CompletableFuture<>(), Duration.ofMillis(50), "the rules were not in place after 50 ms"));
        assertEquals("the rules were not in place after 50 ms", late.getMessage());
    }
}
