package dev.weft.cli.commands;

import dev.weft.cli.Services;
import picocli.CommandLine.Command;

/** {@code weave prime}: waits until this peer's IP allocator has joined the ring. */
@Command(name = "prime", description = "Wait until IP address allocation is ready (the IPAM ring exists).")
public final class Prime extends WeaveCommand {

    Prime(Services services) {
        super(services);
    }

    @Override
    protected void execute() {
        services.api().get("/ring");
    }
}
