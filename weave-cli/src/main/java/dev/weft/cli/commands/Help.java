package dev.weft.cli.commands;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code weave help}: the same as {@code weave --help}. */
@Command(name = "help", description = "Show the list of commands and global options.")
public final class Help implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.parent().commandLine().usage(spec.commandLine().getOut());
    }
}
