package dev.weft.cli.http;

/**
 * Names the JDK's own epoll {@code SelectorProvider}, so that the first socket channel (the Docker
 * engine's unix socket, for launch, stop and reset) does not make the JDK search every jar of the CLI
 * for a provider service: ~24 ms of each such command. Left alone when the property is already set or
 * the JDK has no such class.
 */
public final class JdkSelectorProvider {
    static final String PROPERTY = "java.nio.channels.spi.SelectorProvider";
    static final String EPOLL = "sun.nio.ch.EPollSelectorProvider";

    private JdkSelectorProvider() {
    }

    public static void name() {
        if (System.getProperty(PROPERTY) == null && jdkHas(EPOLL)) {
            System.setProperty(PROPERTY, EPOLL);
        }
    }

    static boolean jdkHas(String className) {
        try {
            Class.forName(className, false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
