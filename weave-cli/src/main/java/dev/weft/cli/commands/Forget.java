package dev.weft.cli.commands;

import dev.weft.cli.Services;
import dev.weft.cli.api.Params;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code weave forget <peer>...}. */
@Command(name = "forget", description = "Remove peers from the router's list of targets to connect to.")
public final class Forget extends WeaveCommand {

    @Parameters(arity = "1..*", paramLabel = "PEER", description = "host[:port] given to launch or connect.")
    List<String> peers;

    Forget(Services services) {
        super(services);
    }

    @Override
    protected void execute() {
        services.api().call("POST", "/forget", Params.of().addAll("peer", peers).map());
    }
}
