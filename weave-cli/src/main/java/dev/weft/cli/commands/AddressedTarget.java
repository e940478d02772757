package dev.weft.cli.commands;

import dev.weft.cli.service.AddressSpec;
import java.util.List;

/** The positional arguments of {@code attach}/{@code detach}: {@code [<addr>...] <container>}. */
record AddressedTarget(List<AddressSpec> addresses, String container) {

    static AddressedTarget parse(List<String> arguments) {
        List<AddressSpec> addresses = arguments.subList(0, arguments.size() - 1).stream()
                .map(AddressSpec::parse).toList();
        return new AddressedTarget(addresses, arguments.get(arguments.size() - 1));
    }

    List<String> addressTexts() {
        return addresses.stream().map(AddressSpec::text).toList();
    }
}
