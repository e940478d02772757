package dev.weft.cli.model;

import picocli.CommandLine.Model.CommandSpec;

/** A command that declares its own picocli model (see {@link CommandModel}). */
public interface DeclaredCommand {
    /** The command's model, bound to this object; made once per command object. */
    CommandSpec model();
}
