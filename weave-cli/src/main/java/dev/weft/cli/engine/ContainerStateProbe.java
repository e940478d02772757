package dev.weft.cli.engine;

import java.io.IOException;
import java.util.Optional;

/** Asks the Docker engine about one container by name or id. */
public interface ContainerStateProbe {
    /** Empty when no such container exists. */
    Optional<ContainerState> inspect(String container) throws IOException;
}
