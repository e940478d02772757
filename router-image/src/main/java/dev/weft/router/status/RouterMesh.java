package dev.weft.router.status;

import dev.weft.router.mesh.MeshStatus;
import java.util.List;
import java.util.Optional;

/** What the router's status and control endpoints need from the mesh. */
public interface RouterMesh {

    /** A snapshot of the mesh; empty while it is not running or does not answer in time. */
    Optional<MeshStatus> status();

    /**
     * Adds targets ({@code replace}: sets them). Returns one complaint per peer not taken: not
     * {@code host[:port]}, a name that does not resolve, or this router's own address.
     */
    List<String> connect(List<String> peers, boolean replace);

    void forget(List<String> peers);
}
