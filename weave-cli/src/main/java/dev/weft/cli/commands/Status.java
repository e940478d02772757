package dev.weft.cli.commands;

import dev.weft.cli.ExitCode;
import dev.weft.cli.Services;
import dev.weft.cli.WeaveException;
import dev.weft.cli.api.WeaveApi.Listener;
import dev.weft.cli.model.CommandModel;
import java.util.List;
import java.util.Map;

/** {@code weave status [targets|connections|peers|dns|ipam]}. */
public final class Status extends WeaveCommand {
    private static final List<String> SECTIONS = List.of("targets", "connections", "peers", "dns", "ipam");
    List<String> section = List.of();

    Status(Services services) {
        super(services);
    }

    @Override
    protected CommandModel declare() {
        return CommandModel.command(this, "status", "Show the router's status, or one part of it.")
                .parameters("0..*", "SECTION", "One of: targets, connections, peers, dns, ipam.", v -> section = v);
    }

    @Override
    protected void execute() {
        if (section.size() > 1 || (section.size() == 1 && !SECTIONS.contains(section.get(0)))) {
            throw new WeaveException(ExitCode.ERROR, "Invalid 'weave status' sub-command: " + String.join(" ", section)
                    + " (expected one of " + String.join(", ", SECTIONS) + ")");
        }
        String path = section.isEmpty() ? "/status" : "/status/" + section.get(0);
        String body = services.api().call(Listener.STATUS, "GET", path, Map.of(), null).stripTrailing();
        if (section.isEmpty()) {
            out().println();
            out().println(body);
            out().println();
        } else if (!body.isEmpty()) {
            out().println(body);
        }
    }
}
