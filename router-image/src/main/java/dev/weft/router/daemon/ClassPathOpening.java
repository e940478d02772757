package dev.weft.router.daemon;

import dev.weft.router.concurrent.DaemonThreads;

/**
 * Opens every jar of the router's class path on a thread of its own as the router starts. The first
 * look-up of a class or resource that no jar has (Jackson probes for {@code java.beans}, which the
 * router's runtime leaves out; libraries look for optional settings files) makes the class loader open
 * all ~50 jars one after the other: 50-150 ms that otherwise fell on the start's main thread, before
 * the mesh dials. Classes from the class data archive load without opening any jar.
 */
final class ClassPathOpening {
    static final String ABSENT_RESOURCE = "META-INF/weft/no-such-resource";

    private ClassPathOpening() {
    }

    static void startInBackground(ClassLoader loader) {
        DaemonThreads.startingEach("class-path-opening").execute(() -> loader.getResource(ABSENT_RESOURCE));
    }
}
