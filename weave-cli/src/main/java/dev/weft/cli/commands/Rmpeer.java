package dev.weft.cli.commands;

import dev.weft.cli.ExitCode;
import dev.weft.cli.Services;
import dev.weft.cli.api.ApiClient;
import dev.weft.cli.api.ApiResponse;
import dev.weft.cli.api.WeaveApi.Listener;
import dev.weft.cli.model.CommandModel;
import dev.weft.cli.model.DeclaredCommand;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code weave rmpeer <peer_id>...}: takes over the IP ranges of dead peers; exits 1 if any call failed. */
public final class Rmpeer implements DeclaredCommand, Callable<Integer> {
    private final Services services;
    CommandSpec spec;
    List<String> peers;

    Rmpeer(Services services) {
        this.services = services;
    }

    @Override
    public CommandSpec model() {
        spec = CommandModel.command(this, "rmpeer", "Take over the IP address ranges of peers that are gone for "
                + "good (by nickname or peer name).")
                .parameters("1..*", "PEER_ID", "Nickname or peer name (MAC form).", v -> peers = v).spec();
        return spec;
    }

    @Override
    public Integer call() {
        ApiClient api = services.api();
        int status = ExitCode.OK;
        for (String peer : peers) {
            ApiResponse response = api.send(Listener.CONTROL, "DELETE", "/peer/" + peer, Map.of(), null);
            if (response.ok()) {
                spec.commandLine().getOut().print(response.body().endsWith("\n") || response.body().isEmpty()
                        ? response.body() : response.body() + "\n");
            } else {
                spec.commandLine().getErr().println("weave: rmpeer " + peer + ": " + response.message());
                status = ExitCode.ERROR;
            }
        }
        return status;
    }
}
