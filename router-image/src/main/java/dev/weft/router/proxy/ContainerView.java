package dev.weft.router.proxy;

import java.util.List;
import java.util.Map;

/**
 * A container as the proxy looks at it.
 *
 * @param mounts     container path to the volume's name (or host path for bind mounts)
 * @param extraHosts {@code docker run --add-host} entries, {@code name:ip}
 */
public record ContainerView(String id, String name, long pid, boolean running, List<String> entrypoint,
                            List<String> env, String networkMode, Map<String, String> mounts,
                            List<String> extraHosts) {
    public ContainerView {
        entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
        env = env == null ? List.of() : List.copyOf(env);
        networkMode = networkMode == null ? "" : networkMode;
        mounts = mounts == null ? Map.of() : Map.copyOf(mounts);
        extraHosts = extraHosts == null ? List.of() : List.copyOf(extraHosts);
    }

    /** Created through the proxy: its entrypoint starts with weavewait. */
    public boolean waitsForWeave() {
        return !entrypoint.isEmpty() && entrypoint.get(0).equals(CreateRewrite.WEAVEWAIT);
    }

    public String shortId() {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
