package dev.weft.router.daemon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.router.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mesh's targets across runs (SPEC §7.3): saved in the store on every {@code connect}/{@code forget},
 * and used instead of the command line's peers after a restart by Docker (the restart sentinel, a file
 * in the container's own file system, exists) or with {@code --resume}.
 */
final class MeshTargets {

    private static final Logger LOG = LoggerFactory.getLogger(MeshTargets.class);
    static final String FLAG = "mesh-targets";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Store store;

    MeshTargets(Store store) {
        this.store = store;
    }

    List<String> load() {
        String saved = store.flag(FLAG);
        if (saved == null) {
            return List.of();
        }
        try {
            return JSON.readValue(saved, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            LOG.warn("persisted peer list unreadable ({}); starting without it", e.getOriginalMessage());
            return List.of();
        }
    }

    void save(List<String> targets) {
        try {
            store.setFlag(FLAG, JSON.writeValueAsString(targets));
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.error("cannot persist the peer list: {}", e.getMessage());
        }
    }

    /**
     * The peers to start with: the persisted ones after a restart or with {@code resume}, else those given.
     * Marks the restart sentinel for the next start of this same container.
     */
    List<String> initial(List<String> given, boolean resume, Path sentinel) {
        boolean restart = sentinel != null && Files.exists(sentinel);
        List<String> peers;
        if (restart || resume) {
            peers = load();
            LOG.info("{} detected - using persisted peer list: {}", restart ? "Restart" : "Resume", peers);
        } else {
            peers = given;
            LOG.info("Launch detected - using supplied peer list: {}", peers);
            save(peers);
        }
        if (sentinel != null) {
            try {
                Path parent = sentinel.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                if (!Files.exists(sentinel)) {
                    Files.createFile(sentinel);
                }
            } catch (IOException e) {
                LOG.warn("cannot create the restart sentinel {}: {}", sentinel, e.getMessage());
            }
        }
        return peers;
    }
}
