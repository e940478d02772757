package dev.weft.router.proxy;

import java.util.List;
import java.util.Optional;

/**
 * The proxy's own calls to the Docker engine (blocking, bounded by a timeout). Failures other than
 * "not found" are {@link ProxyException}s with status 500 naming the call.
 */
public interface EngineCalls {

    /** @throws ProxyException 404 {@code No such image: <ref>} when the engine does not have it */
    ImageConfig image(String ref);

    Optional<ContainerView> container(String ref);

    /** Full ids of the running containers. */
    List<String> runningIds();

    /** SIGKILL to the container's main process; a container that is not running is fine. */
    void kill(String id);
}
