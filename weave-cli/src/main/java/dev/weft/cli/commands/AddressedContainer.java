package dev.weft.cli.commands;

import dev.weft.cli.service.AddressSpec;
import java.util.List;
import picocli.CommandLine.Parameters;

/** The positional arguments of {@code attach} and {@code detach}: {@code [<addr>...] <container>}. */
public final class AddressedContainer {

    @Parameters(arity = "1..*", paramLabel = "[ADDR...] CONTAINER",
            description = "Addresses ([ip:]<cidr>, net:<cidr>, net:default; none = net:default for attach, "
                    + "all for detach), then the container.")
    List<String> arguments;

    /** The addresses as typed, each checked first; a bad one fails the command. */
    List<String> addresses() {
        return arguments.subList(0, arguments.size() - 1).stream().map(AddressSpec::parse).map(AddressSpec::text)
                .toList();
    }

    String container() {
        return arguments.get(arguments.size() - 1);
    }
}
