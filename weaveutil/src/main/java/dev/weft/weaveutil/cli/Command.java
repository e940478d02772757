package dev.weft.weaveutil.cli;

import java.util.List;

/** One {@code weaveutil} sub-command. */
interface Command {

    String name();

    /** Arguments after the name, e.g. {@code <bridge> <cidr>...}. */
    String usage();

    void run(List<String> args, CliContext context) throws Exception;
}
