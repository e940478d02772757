package dev.weft.cli.commands;

import dev.weft.cli.Services;
import dev.weft.cli.service.AddressSpec;
import dev.weft.cli.service.Exposure;
import dev.weft.weaveutil.addr.Cidr;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code weave expose [<addr>...] [-h <fqdn>] [--without-masquerade]}. */
@Command(name = "expose", description = "Give this host addresses on the weave network and print them.")
public final class Expose extends WeaveCommand {

    @Parameters(arity = "0..*", paramLabel = "ADDR", description = "[ip:]<cidr>, net:<cidr> or net:default (default).")
    List<String> addresses = List.of();

    @Option(names = "-h", paramLabel = "FQDN", description = "Register this name in weaveDNS for the addresses.")
    String fqdn;

    @Option(names = "--without-masquerade", description = "Do not masquerade traffic from and to the addresses.")
    boolean withoutMasquerade;

    Expose(Services services) {
        super(services);
    }

    @Override
    protected void execute() {
        List<AddressSpec> specs = addresses.stream().map(AddressSpec::parse).toList();
        List<Cidr> exposed = new Exposure(services.api()).expose(specs, withoutMasquerade, fqdn);
        printNonEmpty(exposed.stream().map(c -> c.address().toString()).collect(Collectors.joining(" ")));
    }
}
