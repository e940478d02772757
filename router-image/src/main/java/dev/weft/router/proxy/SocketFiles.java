package dev.weft.router.proxy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The proxy's unix socket gets the engine socket's owner, group and mode, so the same users may use it. */
final class SocketFiles {
    private static final Logger LOG = LoggerFactory.getLogger(SocketFiles.class);

    private SocketFiles() {}

    static void copyOwnerAndMode(Path from, Path to) {
        if (from == null || !Files.exists(from)) {
            return;
        }
        try {
            PosixFileAttributes source = Files.readAttributes(from, PosixFileAttributes.class);
            // by path (chmod, chown): a socket cannot be opened to change it through a descriptor
            Files.setPosixFilePermissions(to, source.permissions());
            PosixFileAttributeView target = Files.getFileAttributeView(to, PosixFileAttributeView.class);
            target.setOwner(source.owner());
            target.setGroup(source.group());
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            LOG.warn("cannot give {} the owner and mode of {}: {}", to, from, e.getMessage());
        }
    }
}
