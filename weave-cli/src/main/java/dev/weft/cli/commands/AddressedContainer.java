package dev.weft.cli.commands;

import dev.weft.cli.model.CommandModel;
import dev.weft.cli.service.AddressSpec;
import java.util.List;

/** The positional arguments of {@code attach} and {@code detach}: {@code [<addr>...] <container>}. */
public final class AddressedContainer {

    private List<String> arguments;

    void declareOn(CommandModel command) {
        command.parameters("1..*", "[ADDR...] CONTAINER", "Addresses ([ip:]<cidr>, net:<cidr>, net:default; none = "
                + "net:default for attach, all for detach), then the container.", v -> arguments = v);
    }

    /** The addresses as typed, each checked first; a bad one fails the command. */
    List<String> addresses() {
        return arguments.subList(0, arguments.size() - 1).stream().map(AddressSpec::parse).map(AddressSpec::text)
                .toList();
    }

    String container() {
        return arguments.get(arguments.size() - 1);
    }
}
