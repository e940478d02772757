package dev.weft.cli.commands;

import dev.weft.cli.Services;
import dev.weft.cli.model.CommandModel;
import dev.weft.cli.service.AddressSpec;
import dev.weft.cli.service.Exposure;
import java.util.List;
import java.util.stream.Collectors;

/** {@code weave hide [<addr>...]}. */
public final class Hide extends WeaveCommand {

    List<String> addresses = List.of();

    Hide(Services services) {
        super(services);
    }

    @Override
    protected CommandModel declare() {
        return CommandModel.command(this, "hide", "Take exposed addresses off this host and print those removed.")
                .parameters("0..*", "ADDR", "[ip:]<cidr>, net:<cidr> or net:default (default).", v -> addresses = v);
    }

    @Override
    protected void execute() {
        List<AddressSpec> specs = addresses.stream().map(AddressSpec::parse).toList();
        printNonEmpty(new Exposure(services.api()).hide(specs).stream()
                .map(c -> c.address().toString()).collect(Collectors.joining(" ")));
    }
}
