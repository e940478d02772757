package dev.weft.router.daemon;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerAccessTest {

    @TempDir
    Path tmp;

    @Test
    void aCallWaitsForTheBackgroundConnectionAndReportsWhatTheEngineSays() throws Exception {
        String api = "unix://" + tmp.resolve("no-engine.sock");
        try (DockerAccess access = DockerAccess.connectOnDemand(api)) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> access.containers().runningIds());
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), e.toString());
        }
    }

    @Test
    void aClientThatCannotBeMadeFailsEveryCallWithItsReason() throws Exception {
        try (DockerAccess access = DockerAccess.connectOnDemand("ftp://nowhere")) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> access.containers().inspect("web"));
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), e.toString());
            assertThrows(RuntimeException.class, () -> access.events().follow(event -> { }));
        }
    }

    @Test
    void preparingStartsTheSameConnectionACallThenUses() throws Exception {
        String api = "unix://" + tmp.resolve("no-engine.sock");
        try (DockerAccess access = DockerAccess.connectOnDemand(api)) {
            access.prepare();
            access.prepare();
            RuntimeException e = assertThrows(RuntimeException.class, () -> access.containers().inspect("web"));
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), e.toString());
        }
    }

    @Test
    void closingBeforeAnyCallMakesNoClient() throws Exception {
        DockerAccess access = DockerAccess.connectOnDemand("ftp://nowhere");
        access.close();
        access.close();
    }
}
