package dev.weft.cli.commands;

import dev.weft.cli.Services;
import dev.weft.cli.api.Params;
import dev.weft.cli.model.CommandModel;
import java.util.List;
import picocli.CommandLine.ParameterException;

/** {@code weave connect [--replace] <peer>...}. */
public final class Connect extends WeaveCommand {

    boolean replace;
    List<String> peers = List.of();

    Connect(Services services) {
        super(services);
    }

    @Override
    protected CommandModel declare() {
        return CommandModel.command(this, "connect", "Make the router connect to more peers (host[:port]).")
                .flag("--replace", "Replace the router's target list instead of adding to it.", v -> replace = v)
                .parameters("0..*", "PEER", "host[:port] of another weave router; at least one, except with "
                        + "--replace (which then empties the target list).", v -> peers = v);
    }

    @Override
    protected void execute() {
        if (peers.isEmpty() && !replace) {
            throw new ParameterException(spec.commandLine(), "Missing required parameter: 'PEER'");
        }
        services.api().call("POST", "/connect", Params.of().addAll("peer", peers).flag("replace", replace).map());
    }
}
