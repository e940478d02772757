package dev.weft.cli.service;

import dev.weft.cli.Env;
import dev.weft.cli.WeaveException;
import dev.weft.cli.engine.ContainerState;
import dev.weft.cli.engine.DockerEngine;
import dev.weft.cli.host.Host;
import dev.weft.cli.host.HostNetworkReset;
import dev.weft.cli.api.ApiClient;
import dev.weft.cli.api.ApiResponse;
import dev.weft.cli.api.WeaveApi.Listener;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Stopping the router, and resetting the host to before weave (SPEC §1.5 stop, §2.4). */
public final class RouterLifecycle {
    static final int STOP_TIMEOUT_SECONDS = 10;

    private final Env env;
    private final DockerEngine docker;
    private final ApiClient api;
    private final Host host;

    public RouterLifecycle(Env env, DockerEngine docker, ApiClient api, Host host) {
        this.env = env;
        this.docker = docker;
        this.api = api;
        this.host = host;
    }

    /** Stops the router; false when it was not running. */
    public boolean stop() {
        Optional<ContainerState> state = docker.inspect(env.containerName());
        if (state.isEmpty() || !state.get().running() && !state.get().restarting()) {
            return false;
        }
        docker.stop(state.get().id(), STOP_TIMEOUT_SECONDS);
        return true;
    }

    /**
     * Hands this peer's address ranges to the others (unless forced), removes the router and every
     * container holding weft state with its volumes, then weave's devices and firewall rules
     * (SPEC 2.4: no router container, nothing to hand over; one that is not running, refused without
     * {@code --force}; a running one whose hand-over fails, reset anyway).
     */
    public void reset(boolean force, PrintWriter err) {
        String name = env.containerName();
        Optional<ContainerState> state = docker.inspect(name);
        if (!force && state.isPresent()) {
            if (!state.get().running()) {
                throw WeaveException.error("weave is not running; unable to remove from cluster. "
                        + "Use 'weave reset --force' to reset anyway.");
            }
            handOverAddresses(err);
            host.pause(Duration.ofMillis(500));
        }
        stop();
        docker.remove(name, true, false);
        for (String id : docker.containersLabelled(Images.VOLUMES_LABEL)) {
            docker.remove(id, true, true);
        }
        new HostNetworkReset(host, env.get("DOCKER_BRIDGE", "docker0")).run();
    }

    /** {@code DELETE /peer}. A failure is reported and the reset goes on; 404 means IPAM is off: nothing to hand over. */
    private void handOverAddresses(PrintWriter err) {
        String problem;
        try {
            ApiResponse response = api.send(Listener.CONTROL, "DELETE", "/peer", Map.of(), null);
            if (response.ok() || response.status() == 404) {
                return;
            }
            problem = response.message().isEmpty() ? "the router answered " + response.status() : response.message();
        } catch (WeaveException e) {
            problem = e.getMessage();
        }
        err.println("weave: warning: this peer's addresses were not handed over to other peers (" + problem
                + "); resetting anyway");
        err.flush();
    }
}
