package dev.weft.cli.commands;

import dev.weft.cli.Services;
import dev.weft.cli.api.Params;
import dev.weft.cli.model.CommandModel;
import java.util.List;

/** {@code weave ps [<container>...]}: attached containers with their MAC and addresses. */
public final class Ps extends WeaveCommand {

    List<String> containers = List.of();

    Ps(Services services) {
        super(services);
    }

    @Override
    protected CommandModel declare() {
        return CommandModel.command(this, "ps", "List containers attached to weave: id, MAC address and IP "
                + "addresses. Without arguments: weave:expose and all running containers.")
                .parameters("0..*", "CONTAINER", "Container names or ids, or weave:expose.", v -> containers = v);
    }

    @Override
    protected void execute() {
        out().print(services.api().call("GET", "/weft/ps", Params.of().addAll("container", containers).map()));
    }
}
