package dev.weft.cli.commands;

import dev.weft.cli.Services;
import dev.weft.cli.api.Params;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code weave ps [<container>...]}: attached containers with their MAC and addresses. */
@Command(name = "ps", description = "List containers attached to weave: id, MAC address and IP addresses. "
        + "Without arguments: weave:expose and all running containers.")
public final class Ps extends WeaveCommand {

    @Parameters(arity = "0..*", paramLabel = "CONTAINER", description = "Container names or ids, or weave:expose.")
    List<String> containers = List.of();

    Ps(Services services) {
        super(services);
    }

    @Override
    protected void execute() {
        out().print(services.api().call("GET", "/weft/ps", Params.of().addAll("container", containers).map()));
    }
}
