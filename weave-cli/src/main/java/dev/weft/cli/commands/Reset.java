package dev.weft.cli.commands;

import dev.weft.cli.Services;
import dev.weft.cli.service.RouterLifecycle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code weave reset [--force]}. */
@Command(name = "reset", description = "Stop and remove the router and all weave state on this host: persisted "
        + "data, the weave bridge, its interfaces and firewall rules. Hands this host's addresses to the other "
        + "peers first.")
public final class Reset extends WeaveCommand {

    @Option(names = "--force", description = "Reset even when the router cannot hand its addresses over.")
    boolean force;

    Reset(Services services) {
        super(services);
    }

    @Override
    protected void execute() {
        new RouterLifecycle(services.env(), services.docker(), services.api(), services.host()).reset(force, err());
    }
}
