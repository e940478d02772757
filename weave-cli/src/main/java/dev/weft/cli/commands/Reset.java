package dev.weft.cli.commands;

import dev.weft.cli.Services;
import dev.weft.cli.model.CommandModel;
import dev.weft.cli.service.RouterLifecycle;

/** {@code weave reset [--force]}. */
public final class Reset extends WeaveCommand {

    boolean force;

    Reset(Services services) {
        super(services);
    }

    @Override
    protected CommandModel declare() {
        return CommandModel.command(this, "reset", "Stop and remove the router and all weave state on this host: "
                + "persisted data, the weave bridge, its interfaces and firewall rules. Hands this host's addresses "
                + "to the other peers first.")
                .flag("--force", "Reset even when the router cannot hand its addresses over.", v -> force = v);
    }

    @Override
    protected void execute() {
        new RouterLifecycle(services.env(), services.docker(), services.api(), services.host()).reset(force, err());
    }
}
