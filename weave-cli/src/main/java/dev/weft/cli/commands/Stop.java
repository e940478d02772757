package dev.weft.cli.commands;

import dev.weft.cli.Services;
import dev.weft.cli.model.CommandModel;
import dev.weft.cli.service.RouterLifecycle;

/** {@code weave stop}. */
public final class Stop extends WeaveCommand {

    Stop(Services services) {
        super(services);
    }

    @Override
    protected CommandModel declare() {
        return CommandModel.command(this, "stop", "Stop the weave router on this host (containers keep their "
                + "addresses).");
    }

    @Override
    protected void execute() {
        if (!new RouterLifecycle(services.env(), services.docker(), services.api(), services.host()).stop()) {
            err().println("Weave is not running (ignore on Kubernetes).");
        }
    }
}
