package dev.weft.cli.commands;

import dev.weft.cli.ExitCode;
import dev.weft.cli.Services;
import dev.weft.cli.model.CommandModel;
import dev.weft.cli.model.DeclaredCommand;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** What subcommands share: the services and the command's own stdout/stderr. */
abstract class WeaveCommand implements Callable<Integer>, DeclaredCommand {
    protected final Services services;
    CommandSpec spec;

    WeaveCommand(Services services) {
        this.services = services;
    }

    @Override
    public final CommandSpec model() {
        spec = declare().spec();
        return spec;
    }

    /** The command's name, description, options and parameters. */
    protected abstract CommandModel declare();

    /** Does the command's work; failures are thrown as {@link dev.weft.cli.WeaveException}. */
    protected abstract void execute();

    @Override
    public final Integer call() {
        execute();
        return ExitCode.OK;
    }

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Prints a line to stdout unless it is empty. */
    protected void printNonEmpty(String text) {
        String line = text.strip();
        if (!line.isEmpty()) {
            out().println(line);
        }
    }
}
