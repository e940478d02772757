package dev.weft.weaveutil.nl;

/**
 * The kernel refused a netlink request. The message names the operation and its object as given by
 * the caller, then the errno, e.g. {@code add bridge weave: EEXIST (file exists)}.
 */
public class NetlinkException extends RuntimeException {
    private final String operation;
    private final int errno;

    public NetlinkException(String operation, int errno, String kernelMessage) {
        super(operation + ": " + Errno.describe(errno)
                + (kernelMessage == null || kernelMessage.isEmpty() ? "" : ": " + kernelMessage));
        this.operation = operation;
        this.errno = errno;
    }

    public NetlinkException(String operation, int errno) {
        this(operation, errno, null);
    }

    public String operation() {
        return operation;
    }

    public int errno() {
        return errno;
    }

    public String errnoName() {
        return Errno.name(errno);
    }
}
