package dev.weft.cli.commands;

import dev.weft.cli.Services;
import dev.weft.cli.WeaveException;
import dev.weft.cli.model.CommandModel;
import dev.weft.cli.service.ProxyAddress;

/** {@code weave config}: the docker client flag that talks through the router's Docker API proxy. */
public final class Config extends WeaveCommand {

    Config(Services services) {
        super(services);
    }

    @Override
    protected CommandModel declare() {
        return CommandModel.command(this, "config", "Print the docker client argument that uses weave's Docker API "
                + "proxy (use: docker $(weave config) ps).");
    }

    @Override
    protected void execute() {
        out().println("-H=" + ProxyAddress.find(services.api(), services.env())
                .orElseThrow(() -> WeaveException.error("weave's Docker API proxy is not running")));
    }
}
