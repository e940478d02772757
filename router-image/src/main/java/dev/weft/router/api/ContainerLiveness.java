package dev.weft.router.api;

/** Answers {@code check-alive=true}: is this full container id a running container? */
@FunctionalInterface
public interface ContainerLiveness {
    boolean isRunning(String containerId);

    ContainerLiveness ALWAYS = id -> true;
}
