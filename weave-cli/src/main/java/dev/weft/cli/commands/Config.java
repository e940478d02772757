package dev.weft.cli.commands;

import dev.weft.cli.Services;
import dev.weft.cli.WeaveException;
import dev.weft.cli.service.ProxyAddress;
import picocli.CommandLine.Command;

/** {@code weave config}: the docker client flag that talks through the router's Docker API proxy. */
@Command(name = "config", description = "Print the docker client argument that uses weave's Docker API proxy "
        + "(use: docker $(weave config) ps).")
public final class Config extends WeaveCommand {

    Config(Services services) {
        super(services);
    }

    @Override
    protected void execute() {
        out().println("-H=" + ProxyAddress.find(services.api(), services.env())
                .orElseThrow(() -> WeaveException.error("weave's Docker API proxy is not running")));
    }
}
