package dev.weft.cli.commands;

import dev.weft.cli.Services;
import dev.weft.cli.router.Params;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code weave detach [<addr>...] <container>}. */
@Command(name = "detach", description = "Remove weave addresses from a container (all of them by default) "
        + "and print the addresses removed.")
public final class Detach extends WeaveCommand {

    @Parameters(arity = "1..*", paramLabel = "[ADDR...] CONTAINER",
            description = "Addresses ([ip:]<cidr>, net:<cidr>, net:default), then the container.")
    List<String> arguments;

    Detach(Services services) {
        super(services);
    }

    @Override
    protected void execute() {
        AddressedTarget target = AddressedTarget.parse(arguments);
        printNonEmpty(services.router().call("POST", "/weft/detach/" + target.container(),
                Params.of().addAll("addr", target.addressTexts()).map()));
    }
}
