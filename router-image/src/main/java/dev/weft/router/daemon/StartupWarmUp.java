package dev.weft.router.daemon;

import dev.weft.router.concurrent.DaemonThreads;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Prepares, on a thread of its own, what the router's start will need while its main thread parses the
 * flags: on a 2-core host the start is CPU-bound and runs interpreted (weaver's JIT flags), and the second
 * core was idle until the bridge came up. The main thread later finds these classes initialised (or waits
 * for the initialisation under way) instead of doing the work itself: ~100 ms of a peer's join.
 *
 * <ol>
 * <li>Makes the log's date format ({@link LogSetup#DATE_FORMAT}): its first use loads the locale's calendar
 *     and number data (CLDR), ~30 ms that otherwise fell on the main thread just before the first log line.</li>
 * <li>Opens every jar of the class path. The first look-up of a class or resource that no jar has (Jackson
 *     probes for {@code java.beans}, which the router's runtime leaves out) makes the class loader open all
 *     ~50 jars one after the other: 50-150 ms that otherwise fell on the main thread.</li>
 * <li>Initialises the libraries that log nothing through slf4j: JNA (its native library and
 *     java.util.logging), the data store's MVStore, Jackson's object mapper, the digest and random number
 *     generator that the peer's name and UID take.</li>
 * <li>Once {@link LogSetup} has set slf4j up ({@link #loggingConfigured()}), what logs through it as it
 *     initialises: netty (the HTTP servers' and the mesh's transport) and the metrics registry.</li>
 * </ol>
 * A class that fails to initialise here fails the same way where the router uses it, which reports it.
 */
final class StartupWarmUp {
    static final String ABSENT_RESOURCE = "META-INF/weft/no-such-resource";

    static final List<String> WITHOUT_SLF4J = List.of(
            "com.fasterxml.jackson.databind.ObjectMapper",
            "com.sun.jna.Native",
            "com.sun.jna.Structure",
            "dev.weft.weaveutil.jna.LibC",
            "org.h2.mvstore.MVStore",
            "org.h2.mvstore.MVMap",
            "java.security.SecureRandom");

    static final List<String> AFTER_LOGGING = List.of(
            "io.netty.util.internal.PlatformDependent",
            "io.netty.buffer.PooledByteBufAllocator",
            "io.netty.channel.epoll.Epoll",
            "io.netty.channel.epoll.EpollEventLoopGroup",
            "io.netty.bootstrap.ServerBootstrap",
            "io.netty.handler.codec.http.HttpServerCodec",
            "io.prometheus.metrics.model.registry.PrometheusRegistry");

    private static final CountDownLatch LOGGING = new CountDownLatch(1);

    private StartupWarmUp() {
    }

    static void startInBackground(ClassLoader loader) {
        DaemonThreads.startingEach("startup-warm-up").execute(() -> run(loader));
    }

    /** Lets the warm-up go on to the classes that log through slf4j as they initialise. */
    static void loggingConfigured() {
        LOGGING.countDown();
    }

    private static void run(ClassLoader loader) {
        new java.text.SimpleDateFormat(LogSetup.DATE_FORMAT).format(new java.util.Date());
        loader.getResource(ABSENT_RESOURCE);
        WITHOUT_SLF4J.forEach(name -> initialise(name, loader));
        newMapperAndDigest();
        try {
            LOGGING.await();
        } catch (InterruptedException e) {
            return;
        }
        AFTER_LOGGING.forEach(name -> initialise(name, loader));
    }

    private static void initialise(String name, ClassLoader loader) {
        try {
            Class.forName(name, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            // the main thread meets the same failure where it needs the class, and reports it there
        }
    }

    private static void newMapperAndDigest() {
        try {
            new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(java.util.Map.of("warm", 1));
            java.security.MessageDigest.getInstance("SHA-256").digest(new byte[1]);
            new java.security.SecureRandom().nextLong();
        } catch (Exception | LinkageError e) {
            // as above: the start itself reports what fails here
        }
    }
}
