package dev.weft.cli.api;

import java.util.List;
import java.util.Map;

/** The transport to the router's HTTP API (control and status addresses): plain requests, no error conventions. */
public interface WeaveApi {

    /** Opens the API at a control and a status address (empty status: the control one serves status too). */
    @FunctionalInterface
    interface Factory {
        WeaveApi at(String controlAddr, String statusAddr);
    }

    /** Which of the router's two listeners a request goes to. */
    enum Listener { CONTROL, STATUS }

    /**
     * Sends one request. Parameters go in the query string (the router reads query and form alike).
     *
     * @param accept the Accept header, or null for plain text
     */
    ApiResponse call(Listener listener, String method, String path, Map<String, List<String>> params,
                        String accept) throws ApiUnreachableException;
}
