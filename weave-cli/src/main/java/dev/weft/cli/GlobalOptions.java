package dev.weft.cli;

import dev.weft.cli.model.CommandModel;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ScopeType;

/**
 * Options every command accepts (declared once on {@code weave}, inherited by the subcommands). Commands
 * read them from the parse result, so they are bound to no field.
 */
final class GlobalOptions {
    private GlobalOptions() {
    }

    static void declareOn(CommandModel command) {
        command.add(inherited("--help", "Show this help and exit.").usageHelp(true))
                .add(inherited("--debug", "Show stack traces of failures."))
                .add(inherited("--local", "Run the command on this host even when DOCKER_HOST names a remote engine "
                        + "(used inside the exec container)."));
    }

    private static OptionSpec.Builder inherited(String name, String description) {
        return OptionSpec.builder(name).type(boolean.class).scopeType(ScopeType.INHERIT).description(description);
    }
}
