package dev.weft.cli.commands;

import dev.weft.cli.Services;
import dev.weft.cli.WeaveException;
import dev.weft.cli.model.CommandModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code weave setup}: builds weft's images on this host's engine (there is no registry to pull from). */
public final class Setup extends WeaveCommand {

    Setup(Services services) {
        super(services);
    }

    @Override
    protected CommandModel declare() {
        return CommandModel.command(this, "setup", "Build weft's images (router, exec and data) on the Docker engine.");
    }

    @Override
    protected void execute() {
        Path script = Path.of(services.env().get("WEFT_HOME", "/usr/local/lib/weft"),
                "context", "router-image", "build-images.sh");
        if (!Files.isRegularFile(script)) {
            throw WeaveException.error("cannot build images: " + script + " is missing (install weft with "
                    + "scripts/install.sh, or set WEFT_HOME)");
        }
        int status = services.host().run(List.of("bash", script.toString()));
        if (status != 0) {
            throw new WeaveException(status, "building the images failed (" + script + " exited with " + status + ")");
        }
    }
}
