package dev.weft.cli.commands;

import dev.weft.cli.ExitCode;
import dev.weft.cli.Services;
import dev.weft.cli.api.ApiClient;
import dev.weft.cli.api.WeaveApi.Listener;
import dev.weft.cli.api.ApiResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code weave rmpeer <peer_id>...}: takes over the IP ranges of dead peers; exits 1 if any call failed. */
@Command(name = "rmpeer", description = "Take over the IP address ranges of peers that are gone for good "
        + "(by nickname or peer name).")
public final class Rmpeer implements Callable<Integer> {
    private final Services services;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PEER_ID", description = "Nickname or peer name (MAC form).")
    List<String> peers;

    Rmpeer(Services services) {
        this.services = services;
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
