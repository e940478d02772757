package dev.weft.router.identity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The nickname shown next to the peer name: {@code --nickname}, else the host name (read locally, no resolver). */
public final class Nickname {

    private static final Path KERNEL_HOSTNAME = Path.of("/proc/sys/kernel/hostname");

    private Nickname() {}

    public static String choose(String explicit) {
        if (explicit != null && !explicit.isBlank()) {
            return explicit;
        }
        try {
            String name = Files.readString(KERNEL_HOSTNAME).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException e) {
            // not Linux or no /proc: fall back to the environment
        }
        String env = System.getenv("HOSTNAME");
        return env != null && !env.isBlank() ? env : "localhost";
    }
}
