package dev.weft.cli.commands;

import dev.weft.cli.Services;
import dev.weft.cli.model.CommandModel;
import dev.weft.cli.service.AddressSpec;
import dev.weft.cli.service.Exposure;
import dev.weft.weaveutil.addr.Cidr;
import java.util.List;
import java.util.stream.Collectors;

/** {@code weave expose [<addr>...] [-h <fqdn>] [--without-masquerade]}. */
public final class Expose extends WeaveCommand {

    List<String> addresses = List.of();
    String fqdn;
    boolean withoutMasquerade;

    Expose(Services services) {
        super(services);
    }

    @Override
    protected CommandModel declare() {
        return CommandModel.command(this, "expose", "Give this host addresses on the weave network and print them.")
                .parameters("0..*", "ADDR", "[ip:]<cidr>, net:<cidr> or net:default (default).", v -> addresses = v)
                .option("-h", "FQDN", "Register this name in weaveDNS for the addresses.", v -> fqdn = v)
                .flag("--without-masquerade", "Do not masquerade traffic from and to the addresses.",
                        v -> withoutMasquerade = v);
    }

    @Override
    protected void execute() {
        List<AddressSpec> specs = addresses.stream().map(AddressSpec::parse).toList();
        List<Cidr> exposed = new Exposure(services.api()).expose(specs, withoutMasquerade, fqdn);
        printNonEmpty(exposed.stream().map(c -> c.address().toString()).collect(Collectors.joining(" ")));
    }
}
