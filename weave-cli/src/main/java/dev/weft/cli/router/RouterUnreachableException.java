package dev.weft.cli.router;

import java.io.IOException;

/** Nothing answered at the router's address (connection refused, timeout, reset). */
public class RouterUnreachableException extends IOException {
    public RouterUnreachableException(String address, IOException cause) {
        super("cannot reach the router at " + address + ": " + cause.getMessage(), cause);
    }
}
