package dev.weft.router.attach;

import dev.weft.router.docker.ContainerInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a running container's /etc/hosts. The container sees a file Docker bind-mounts from
 * its own directory; weft writes it in place through {@code <proc>/<pid>/root/etc/hosts} (a rename
 * cannot replace a mount point), then, when the host file is reachable under the host root,
 * deletes it and writes a fresh copy, so that Docker's later rewrites of that path no longer
 * reach the container.
 */
public final class HostsFileWriter {
    private final Path procRoot;
    private final Path hostRoot;

    public HostsFileWriter(Path procRoot, Path hostRoot) {
        this.procRoot = procRoot;
        this.hostRoot = hostRoot;
    }

    public void write(ContainerInfo container, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        Path inContainer = procRoot.resolve(Long.toString(container.pid())).resolve("root/etc/hosts");
        Files.write(inContainer, bytes, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        if (container.hostsPath().isEmpty()) {
            return;
        }
        Path onHost = hostRoot.resolve(container.hostsPath().replaceFirst("^/+", ""));
        if (Files.isRegularFile(onHost)) {
            Files.delete(onHost);
            Files.write(onHost, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
    }
}
