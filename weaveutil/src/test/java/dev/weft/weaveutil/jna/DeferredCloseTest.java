package dev.weft.weaveutil.jna;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeferredCloseTest {

    @Test
    void theDescriptorIsClosedSoonAfter() throws Exception {
        assumeTrue(NativeSupport.isAvailable(), "skipped: no native support here");
        int fd = LibC.socket(LibC.AF_INET, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
        assumeTrue(fd >= 0, "skipped: cannot open a socket");
        Path link = Path.of("/proc/self/fd/" + fd);
        Path socket = Files.readSymbolicLink(link);
        DeferredClose.close(fd);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        while (stillOpen(link, socket) && Instant.now().isBefore(deadline)) {
            Thread.sleep(5);
        }
        assertFalse(stillOpen(link, socket), "fd " + fd + " (" + socket + ") still open");
    }

    /** The number may be taken again by another descriptor at once: the socket's inode tells them apart. */
    private static boolean stillOpen(Path link, Path socket) {
        try {
            return Files.readSymbolicLink(link).equals(socket);
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
