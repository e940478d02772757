package dev.weft.cli.commands;

import dev.weft.cli.Services;
import dev.weft.cli.api.Params;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code weave connect [--replace] <peer>...}. */
@Command(name = "connect", description = "Make the router connect to more peers (host[:port]).")
public final class Connect extends WeaveCommand {

    @Option(names = "--replace", description = "Replace the router's target list instead of adding to it.")
    boolean replace;

    @Parameters(arity = "0..*", paramLabel = "PEER", description = "host[:port] of another weave router; at least "
            + "one, except with --replace (which then empties the target list).")
    List<String> peers = List.of();

    Connect(Services services) {
        super(services);
    }

    @Override
    protected void execute() {
        if (peers.isEmpty() && !replace) {
            throw new ParameterException(spec.commandLine(), "Missing required parameter: 'PEER'");
        }
        services.api().call("POST", "/connect", Params.of().addAll("peer", peers).flag("replace", replace).map());
    }
}
