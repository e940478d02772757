package dev.weft.cli.engine;

import java.util.List;
import java.util.Map;

/**
 * A container to create, in the terms of {@code docker run}.
 *
 * @param binds         {@code host:container[:ro]} bind mounts
 * @param volumes       anonymous volumes (container paths)
 * @param restartPolicy {@code always}, or null for none
 */
public record ContainerSpec(String name, String image, List<String> entrypoint, List<String> args, List<String> env,
                            List<String> binds, List<String> volumes, List<String> volumesFrom,
                            Map<String, String> labels, boolean privileged, boolean hostNetworkAndPid,
                            String restartPolicy, boolean autoRemove) {
}
