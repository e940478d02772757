package dev.weft.cli.commands;

import dev.weft.cli.Services;
import dev.weft.cli.service.AddressSpec;
import dev.weft.cli.service.Exposure;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code weave hide [<addr>...]}. */
@Command(name = "hide", description = "Take exposed addresses off this host and print those removed.")
public final class Hide extends WeaveCommand {

    @Parameters(arity = "0..*", paramLabel = "ADDR", description = "[ip:]<cidr>, net:<cidr> or net:default (default).")
    List<String> addresses = List.of();

    Hide(Services services) {
        super(services);
    }

    @Override
    protected void execute() {
        List<AddressSpec> specs = addresses.stream().map(AddressSpec::parse).toList();
        printNonEmpty(new Exposure(services.api()).hide(specs).stream()
                .map(c -> c.address().toString()).collect(Collectors.joining(" ")));
    }
}
