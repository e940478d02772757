package dev.weft.cli.commands;

import dev.weft.cli.Services;
import dev.weft.cli.model.CommandModel;

/** {@code weave prime}: waits until this peer's IP allocator has joined the ring. */
public final class Prime extends WeaveCommand {

    Prime(Services services) {
        super(services);
    }

    @Override
    protected CommandModel declare() {
        return CommandModel.command(this, "prime", "Wait until IP address allocation is ready (the IPAM ring exists).");
    }

    @Override
    protected void execute() {
        services.api().get("/ring");
    }
}
