package dev.weft.cli.commands;

import dev.weft.cli.Services;
import dev.weft.cli.api.Params;
import dev.weft.cli.model.CommandModel;
import java.util.List;

/** {@code weave forget <peer>...}. */
public final class Forget extends WeaveCommand {

    List<String> peers;

    Forget(Services services) {
        super(services);
    }

    @Override
    protected CommandModel declare() {
        return CommandModel.command(this, "forget", "Remove peers from the router's list of targets to connect to.")
                .parameters("1..*", "PEER", "host[:port] given to launch or connect.", v -> peers = v);
    }

    @Override
    protected void execute() {
        services.api().call("POST", "/forget", Params.of().addAll("peer", peers).map());
    }
}
