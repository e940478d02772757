package dev.weft.cli.commands;

import dev.weft.cli.Services;
import dev.weft.cli.service.RouterLifecycle;
import picocli.CommandLine.Command;

/** {@code weave stop}. */
@Command(name = "stop", description = "Stop the weave router on this host (containers keep their addresses).")
public final class Stop extends WeaveCommand {

    Stop(Services services) {
        super(services);
    }

    @Override
    protected void execute() {
        if (!new RouterLifecycle(services.env(), services.docker(), services.api(), services.host()).stop()) {
            err().println("Weave is not running (ignore on Kubernetes).");
        }
    }
}
