package dev.weft.cli.commands;

import dev.weft.cli.Services;
import dev.weft.cli.api.Params;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code weave detach [<addr>...] <container>}. */
@Command(name = "detach", description = "Remove weave addresses from a container (all of them by default) "
        + "and print the addresses removed.")
public final class Detach extends WeaveCommand {

    @Mixin
    AddressedContainer target;

    Detach(Services services) {
        super(services);
    }

    @Override
    protected void execute() {
        printNonEmpty(services.api().call("POST", "/weft/detach/" + target.container(),
                Params.of().addAll("addr", target.addresses()).map()));
    }
}
