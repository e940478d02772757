package dev.weft.cli.commands;

import dev.weft.cli.model.CommandModel;
import dev.weft.cli.model.DeclaredCommand;
import picocli.CommandLine.Model.CommandSpec;

/** {@code weave help}: the same as {@code weave --help}. */
public final class Help implements DeclaredCommand, Runnable {
    CommandSpec spec;

    @Override
    public CommandSpec model() {
        spec = CommandModel.command(this, "help", "Show the list of commands and global options.").spec();
        return spec;
    }

    @Override
    public void run() {
        spec.parent().commandLine().usage(spec.commandLine().getOut());
    }
}
