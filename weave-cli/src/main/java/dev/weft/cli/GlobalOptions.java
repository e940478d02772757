package dev.weft.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every command accepts (declared once on {@code weave}, inherited by the subcommands). */
public final class GlobalOptions {

    @Option(names = "--help", usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Show stack traces of failures.")
    boolean debug;

    @Option(names = "--local", scope = ScopeType.INHERIT,
            description = "Run the command on this host even when DOCKER_HOST names a remote engine "
                    + "(used inside the exec container).")
    boolean local;
}
