package dev.weft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.cli.model.DeclaredCommand;
import dev.weft.cli.testing.Cli;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SubcommandRegistryTest {

    @Test
    void eachRegisteredNameIsTheCommandsOwnName() throws Exception {
        CommandFactory factory = new CommandFactory(new Cli().services());
        for (Map.Entry<String, Class<? extends DeclaredCommand>> entry : Weave.SUBCOMMANDS) {
            assertEquals(entry.getKey(), factory.create(entry.getValue()).model().name(), entry.getValue().getName());
        }
    }

    @Test
    void anInvocationBuildsOnlyTheSubcommandItNames() {
        CommandLine line = Weave.commandLineFor(new Cli().services(), false, "--local", "attach", "net:default", "c1");
        assertEquals(java.util.Set.of("attach"), line.getSubcommands().keySet());
    }

    @Test
    void helpUsageAndUnknownCommandsGetEverySubcommand() {
        for (String[] args : new String[][] {{}, {"--help"}, {"help", "attach"}, {"frobnicate"}, {"--help", "attach"}}) {
            CommandLine line = Weave.commandLineFor(new Cli().services(), false, args);
            assertEquals(Weave.SUBCOMMANDS.size(), line.getSubcommands().size(), String.join(" ", args));
        }
    }

    @Test
    void inheritedOptionsStillReachALoneSubcommand() {
        Cli.Result result = new Cli().run("attach", "--help");
        assertEquals(0, result.status());
        assertTrue(result.out().contains("--debug"), result.out());
    }
}
