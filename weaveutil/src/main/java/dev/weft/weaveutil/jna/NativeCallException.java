package dev.weft.weaveutil.jna;

import dev.weft.weaveutil.nl.Errno;

/** A failed system call: names the call, the object it was applied to and the errno. */
public class NativeCallException extends RuntimeException {
    private final int errno;

    public NativeCallException(String operation, int errno) {
        super(operation + ": " + Errno.describe(errno));
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
