package dev.weft.router.proxy;

import java.util.List;

/** An image's default {@code Entrypoint} and {@code Cmd} (empty lists when it has none). */
public record ImageConfig(List<String> entrypoint, List<String> cmd) {
    public ImageConfig {
        entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
        cmd = cmd == null ? List.of() : List.copyOf(cmd);
    }

    /** Looks an image up by the reference a create call names; unknown → {@link ProxyException} 404. */
    @FunctionalInterface
    public interface Lookup {
        ImageConfig config(String image);
    }
}
