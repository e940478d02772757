package dev.weft.router.docker;

/** One Docker container event: its action ({@code start}, {@code die}, ...) and the container's id. */
public record ContainerEvent(String action, String containerId) {}
