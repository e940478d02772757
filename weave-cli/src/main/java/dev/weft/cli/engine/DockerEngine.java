package dev.weft.cli.engine;

import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * The few Docker engine operations the CLI needs for launch, stop, reset and remote execution.
 * Failures are {@link EngineException}s whose message names the operation and the object.
 */
public interface DockerEngine extends ContainerStateProbe {

    @Override
    Optional<ContainerState> inspect(String container);

    boolean imageExists(String image);

    /** Creates the container and returns its id. */
    String create(ContainerSpec spec);

    void start(String container);

    /** Stops with a grace period; a container already stopped is fine. */
    void stop(String container, int timeoutSeconds);

    void kill(String container);

    /** Sets the container's restart policy to none, so that the engine leaves it stopped. */
    void disableRestart(String container);

    /** The last lines the container wrote (stdout and stderr together). */
    List<String> logTail(String container, int lines);

    /** Removes the container (force: even running); volumes: also its anonymous volumes. Absent is fine. */
    void remove(String container, boolean force, boolean volumes);

    /** Ids of all containers, in any state, carrying the label. */
    List<String> containersLabelled(String label);

    /** Runs a container to completion with its output streamed to out and err; returns its exit status. */
    int run(ContainerSpec spec, OutputStream out, OutputStream err);

    /** A failed engine operation. */
    class EngineException extends RuntimeException {
        public EngineException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
