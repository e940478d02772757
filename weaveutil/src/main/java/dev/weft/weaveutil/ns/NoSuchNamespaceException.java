package dev.weft.weaveutil.ns;

import java.nio.file.Path;

/** The namespace path does not exist: no such process, no such named namespace, or a wrong path. */
public class NoSuchNamespaceException extends RuntimeException {
    private final Path path;

    public NoSuchNamespaceException(Path path) {
        super("no such network namespace: " + path);
        this.path = path;
    }

    public Path path() {
        return path;
    }
}
