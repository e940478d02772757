package dev.weft.weaveutil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NamespaceIdTest {

    @Test
    void aNumberIsAProcess() {
        NamespaceId id = NamespaceId.parse("4242");
        assertEquals(4242, id.pid());
        assertEquals(Path.of("/proc/4242/ns/net"), id.path());
    }

    @Test
    void anAbsolutePathIsUsedAsIs() {
        NamespaceId id = NamespaceId.parse("/var/run/docker/netns/abc123");
        assertNull(id.pid());
        assertEquals(Path.of("/var/run/docker/netns/abc123"), id.path());
    }

    @Test
    void anythingElseIsAnIpNetnsName() {
        assertEquals(Path.of("/run/netns/blue"), NamespaceId.parse("blue").path());
        assertThrows(UsageException.class, () -> NamespaceId.parse("a/b"));
        assertThrows(UsageException.class, () -> NamespaceId.parse(""));
        assertThrows(UsageException.class, () -> NamespaceId.parse("99999999999"));
    }
}
