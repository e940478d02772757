package dev.weft.router.api;

/** Docker container lifecycle, as the daemon's event watcher sees it. Implementations must not block. */
public interface ContainerEvents {
    default void started(String containerId) {}

    default void died(String containerId) {}

    default void destroyed(String containerId) {}
}
