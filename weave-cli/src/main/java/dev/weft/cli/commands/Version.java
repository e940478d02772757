package dev.weft.cli.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.cli.Services;
import dev.weft.cli.WeftVersion;
import dev.weft.cli.api.ApiResponse;
import dev.weft.cli.api.WeaveApi.Listener;
import dev.weft.cli.model.CommandModel;
import dev.weft.cli.model.DeclaredCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code weave version}: {@code weave script <v>}, then the running router's {@code weave <v>}; a stopped
 * router is said on stderr and is not a failure.
 */
public final class Version implements DeclaredCommand, Callable<Integer> {
    private final Services services;
    CommandSpec spec;

    Version(Services services) {
        this.services = services;
    }

    @Override
    public CommandSpec model() {
        spec = CommandModel.command(this, "version", "Print the version of this CLI and of the running router.").spec();
        return spec;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("weave script " + WeftVersion.VERSION);
        Optional<String> router = routerVersion();
        if (router.isPresent()) {
            out.println("weave " + router.get());
        } else {
            out.flush();
            PrintWriter err = spec.commandLine().getErr();
            err.println("weave router is not running (no answer at " + statusAddress() + ")");
            err.flush();
        }
        return 0;
    }

    private Optional<String> routerVersion() {
        Optional<ApiResponse> report = services.api().tryGet(Listener.STATUS, "/report", "application/json");
        if (report.isEmpty() || !report.get().ok()) {
            return Optional.empty();
        }
        try {
            String version = new ObjectMapper().readTree(report.get().body()).path("Version").asText("");
            return version.isEmpty() ? Optional.of("(version not reported)") : Optional.of(version);
        } catch (IOException e) {
            return Optional.of("(unreadable report: " + e.getMessage() + ")");
        }
    }

    private String statusAddress() {
        String status = services.env().statusAddr();
        return status.isEmpty() ? services.env().httpAddr() : status;
    }
}
