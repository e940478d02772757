package dev.weft.cli.commands;

import dev.weft.cli.Services;
import dev.weft.cli.api.Params;
import dev.weft.cli.model.CommandModel;

/** {@code weave detach [<addr>...] <container>}. */
public final class Detach extends WeaveCommand {

    private final AddressedContainer target = new AddressedContainer();

    Detach(Services services) {
        super(services);
    }

    @Override
    protected CommandModel declare() {
        return CommandModel.command(this, "detach", "Remove weave addresses from a container (all of them by "
                + "default) and print the addresses removed.")
                .include(target::declareOn);
    }

    @Override
    protected void execute() {
        printNonEmpty(services.api().call("POST", "/weft/detach/" + target.container(),
                Params.of().addAll("addr", target.addresses()).map()));
    }
}
