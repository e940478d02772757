package dev.weft.router.docker;

import java.util.List;
import java.util.Optional;

/** The Docker engine, as far as the router's host side uses it. */
public interface Containers {

    /** Inspects by name or full or partial id; empty when Docker knows no such container. */
    Optional<ContainerInfo> inspect(String nameOrId);

    /** Full ids of the running containers. */
    List<String> runningIds();
}
