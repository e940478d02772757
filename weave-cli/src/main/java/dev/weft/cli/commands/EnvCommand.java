package dev.weft.cli.commands;

import dev.weft.cli.Env;
import dev.weft.cli.Services;
import dev.weft.cli.WeaveException;
import dev.weft.cli.model.CommandModel;
import dev.weft.cli.service.ProxyAddress;

/** {@code weave env [--restore]}: shell text pointing DOCKER_HOST at the router's Docker API proxy, or back. */
public final class EnvCommand extends WeaveCommand {

    boolean restore;

    EnvCommand(Services services) {
        super(services);
    }

    @Override
    protected CommandModel declare() {
        return CommandModel.command(this, "env", "Print shell commands that point DOCKER_HOST at weave's Docker API "
                + "proxy (use: eval $(weave env)); with --restore, the commands that undo it.")
                .flag("--restore", "Restore DOCKER_HOST from ORIG_DOCKER_HOST.", v -> restore = v);
    }

    @Override
    protected void execute() {
        Env env = services.env();
        if (restore) {
            String original = env.get("ORIG_DOCKER_HOST");
            if (original == null) {
                throw WeaveException.error("Nothing to restore. This is most likely because there was no preceding "
                        + "invocation of 'eval $(weave env)' in this shell.");
            }
            out().println("export DOCKER_HOST=" + original);
            return;
        }
        ProxyAddress.find(services.api(), env).ifPresent(proxy -> {
            String current = env.clientDockerHost();
            out().println("export DOCKER_HOST=" + proxy + (proxy.equals(current) ? "" : " ORIG_DOCKER_HOST=" + current));
        });
    }
}
