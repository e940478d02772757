package dev.weft.cli.api;

import java.io.IOException;

/** Nothing answered at the router's address (connection refused, timeout, reset). */
public class ApiUnreachableException extends IOException {
    public ApiUnreachableException(String address, IOException cause) {
        super("cannot reach the router at " + address + ": " + cause.getMessage(), cause);
    }
}
