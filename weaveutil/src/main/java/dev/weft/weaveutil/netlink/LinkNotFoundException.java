package dev.weft.weaveutil.netlink;

import dev.weft.weaveutil.nl.Errno;
import dev.weft.weaveutil.nl.NetlinkException;

/** The named or numbered link does not exist (ENODEV). */
public class LinkNotFoundException extends NetlinkException {
    public LinkNotFoundException(String operation) {
        super(operation, Errno.ENODEV);
    }
}
