package dev.weft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.cli.testing.Cli;
import org.junit.jupiter.api.Test;

class WeaveTest {
    private final Cli cli = new Cli();

    @Test
    void noArgumentsPrintsUsageOnStderrAndExits1() {
        Cli.Result result = cli.run();
        assertEquals(1, result.status());
        assertEquals("", result.out());
        assertTrue(result.err().startsWith("Usage: weave "), result.err());
    }

    @Test
    void helpGoesToStdoutAndExits0() {
        Cli.Result result = cli.run("--help");
        assertEquals(0, result.status());
        assertTrue(result.out().contains("version"), result.out());
        assertEquals("", result.err());
    }

    @Test
    void subcommandHelpExits0() {
        Cli.Result result = cli.run("version", "--help");
        assertEquals(0, result.status());
        assertTrue(result.out().startsWith("Usage: weave version"), result.out());
    }

    @Test
    void unknownCommandIsOneLineAndExits1() {
        Cli.Result result = cli.run("frobnicate");
        assertEquals(1, result.status());
        assertEquals("weave: Unknown weave command 'frobnicate'. See 'weave --help'.\n", result.err());
        assertEquals("", result.out());
    }

    @Test
    void removedCommandSaysSo() {
        Cli.Result result = cli.run("launch-router");
        assertEquals(1, result.status());
        assertEquals("weave: the 'weave launch-router' command was removed in Weave Net 2.0 and weft does not "
                + "have it\n", result.err());
    }

    @Test
    void unexpectedFailureIsOneLineWithoutDebug() {
        cli.docker.failure = new dev.weft.cli.engine.DockerEngine.EngineException("inspect container weave: engine gone",
                null);
        Cli.Result result = cli.run("stop");
        assertEquals(1, result.status());
        assertEquals("weave: inspect container weave: engine gone\n", result.err());
    }

    @Test
    void debugAddsTheStackTrace() {
        cli.docker.failure = new dev.weft.cli.engine.DockerEngine.EngineException("inspect container weave: engine gone",
                null);
        Cli.Result result = cli.run("--debug", "stop");
        assertEquals(1, result.status());
        assertTrue(result.err().startsWith("weave: inspect container weave: engine gone\n"), result.err());
        assertTrue(result.err().contains("\tat dev.weft.cli.WeaveTest.debugAddsTheStackTrace"), result.err());
    }

    @Test
    void unknownOptionIsOneLineAndExits1() {
        Cli.Result result = cli.run("version", "--bogus");
        assertEquals(1, result.status());
        assertEquals("weave: Unknown option: '--bogus'. See 'weave version --help'.\n", result.err());
    }
}
