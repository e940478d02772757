package dev.weft.weaveutil.ns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.weaveutil.testsupport.Privileged;
import dev.weft.weaveutil.testsupport.ThrowawayNamespace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("privileged")
class NetNsTest {
    private ThrowawayNamespace namespace;

    @BeforeEach
    void setUp() {
        Privileged.assumeRootWithIproute2();
        namespace = ThrowawayNamespace.create();
    }

    @AfterEach
    void tearDown() {
        if (namespace != null) {
            namespace.close();
        }
    }

    private static String threadNamespace() throws IOException {
        return Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString();
    }

    @Test
    void workRunsInsideTheNamespaceAndTheCallerStaysOutside() throws Exception {
        String before = threadNamespace();
        try (NetNs ns = namespace.open()) {
            String inside = ns.call(NetNsTest::threadNamespace);
            assertEquals(ns.id(), inside);
            assertNotEquals(before, inside);
        }
        assertEquals(before, threadNamespace());
    }

    @Test
    void exceptionsFromTheWorkReachTheCallerUnchanged() throws Exception {
        IOException failure = new IOException("boom");
        try (NetNs ns = namespace.open()) {
            IOException thrown = assertThrows(IOException.class, () -> ns.call(() -> {
                throw failure;
            }));
            assertSame(failure, thrown);
            // The handle still works afterwards.
            assertEquals(ns.id(), ns.call(NetNsTest::threadNamespace));
        }
    }

    @Test
    void aProcessStartedInsideInheritsTheNamespace() throws Exception {
        try (NetNs ns = namespace.open()) {
            String childView = ns.call(() -> {
                Process p = new ProcessBuilder("readlink", "/proc/self/ns/net").start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                p.waitFor();
                return out;
            });
            assertEquals(ns.id(), childView);
        }
    }

    @Test
    void pidAndPathHandlesReachTheSameNamespace() {
        int pid = namespace.startProcess();
        try (NetNs byName = namespace.open(); NetNs byPid = NetNs.ofPid(pid);
             NetNs byPath = NetNs.ofPath(Path.of("/run/netns", namespace.name()))) {
            assertEquals(byName.id(), byPid.id());
            assertEquals(byName.id(), byPath.id());
        }
    }

    @Test
    void missingNamespacesAreReportedByPath() {
        NoSuchNamespaceException e = assertThrows(NoSuchNamespaceException.class,
                () -> NetNs.named("weaveutil-t-missing"));
        assertEquals("no such network namespace: /run/netns/weaveutil-t-missing", e.getMessage());
        assertThrows(NoSuchNamespaceException.class, () -> NetNs.ofPid(Integer.MAX_VALUE - 1));
        assertThrows(IllegalArgumentException.class, () -> NetNs.named("../etc"));
    }

    @Test
    void createAndDeleteANamedNamespaceLikeIpNetns() throws Exception {
        String name = namespace.name() + "-x";
        try (NetNs created = NetNs.create(name)) {
            assertTrue(io.listNetns().contains(name), io.listNetns());
            assertNotEquals(threadNamespace(), created.id());
        } finally {
            assertTrue(NetNs.delete(name));
        }
        assertTrue(!io.listNetns().contains(name));
    }

    private static final class io {
        static String listNetns() {
            return dev.weft.weaveutil.testsupport.Shell.check("ip", "netns", "list");
        }
    }
}
