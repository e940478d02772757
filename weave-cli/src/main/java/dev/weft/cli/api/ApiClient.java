package dev.weft.cli.api;

import dev.weft.cli.ExitCode;
import dev.weft.cli.WeaveException;
import dev.weft.cli.engine.ContainerState;
import dev.weft.cli.engine.ContainerStateProbe;
import dev.weft.cli.api.WeaveApi.Listener;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The router's HTTP API as commands call it: calls that return the body on success and otherwise fail
 * with the CLI's error conventions (SPEC §1.4): 404 on one of the original's paths → exit 4, other errors →
 * the router's text and exit 1, nobody answering → why, from the engine's view of the router container.
 */
public final class ApiClient {
    private final WeaveApi api;
    private final ContainerStateProbe probe;
    private final String containerName;

    public ApiClient(WeaveApi api, ContainerStateProbe probe, String containerName) {
        this.api = api;
        this.probe = probe;
        this.containerName = containerName;
    }

    public String get(String path) {
        return call(Listener.CONTROL, "GET", path, Map.of(), null);
    }

    public String call(String method, String path, Map<String, List<String>> params) {
        return call(Listener.CONTROL, method, path, params, null);
    }

    public String call(Listener listener, String method, String path, Map<String, List<String>> params,
                       String accept) {
        ApiResponse response = send(listener, method, path, params, accept);
        if (response.ok()) {
            return response.body();
        }
        if (response.status() == 404 && (!path.startsWith("/weft/") || isRouteMiss(response))) {
            throw new WeaveException(ExitCode.DISABLED, "the router does not serve " + path
                    + " (that part of weave is disabled)");
        }
        throw WeaveException.error(response.message().isEmpty()
                ? "the router answered " + response.status() + " to " + method + " " + path : response.message());
    }

    /** A 404 from the router's route table itself, not from a handler naming what it did not find. */
    private static boolean isRouteMiss(ApiResponse response) {
        return response.message().equals("404 page not found");
    }

    /** Sends a request and returns any answer; only an unreachable router is turned into a failure. */
    public ApiResponse send(Listener listener, String method, String path, Map<String, List<String>> params,
                               String accept) {
        try {
            return api.call(listener, method, path, params, accept);
        } catch (ApiUnreachableException e) {
            throw new WeaveException(ExitCode.NOT_RUNNING, whyUnreachable(e), e);
        }
    }

    /** Like {@link #send} but an unreachable router gives empty instead of failing. */
    public Optional<ApiResponse> tryGet(Listener listener, String path, String accept) {
        try {
            return Optional.of(api.call(listener, "GET", path, Map.of(), accept));
        } catch (ApiUnreachableException e) {
            return Optional.empty();
        }
    }

    private String whyUnreachable(ApiUnreachableException unreachable) {
        Optional<ContainerState> state;
        try {
            state = probe.inspect(containerName);
        } catch (IOException e) {
            return unreachable.getMessage() + " (and " + e.getMessage() + ")";
        }
        if (state.isEmpty()) {
            return containerName + " container is not present. Have you launched it?";
        }
        if (state.get().restarting()) {
            return containerName + " container is restarting.";
        }
        if (!state.get().running()) {
            return containerName + " container is not running.";
        }
        return unreachable.getMessage();
    }
}
