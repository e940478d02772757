package dev.weft.cli.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CommandModelTest {

    /** A command with one of each kind of argument, as the weave commands declare them. */
    static final class Sample implements DeclaredCommand, Runnable {
        boolean force;
        String name;
        List<String> hosts = List.of();
        List<String> peers = List.of();
        List<String> rest = new ArrayList<>();

        @Override
        public CommandLine.Model.CommandSpec model() {
            return CommandModel.command(this, "sample", "A sample.")
                    .flag("--force -f", "Force.", v -> force = v)
                    .option("--name", "NAME", "A name.", v -> name = v)
                    .repeatableOption("--host", "HOST", "A host.", v -> hosts = v)
                    .parameters("1..*", "PEER", "Peers.", v -> peers = v)
                    .unmatched(rest)
                    .spec();
        }

        @Override
        public void run() {
        }
    }

    private static Sample parse(String... args) {
        Sample sample = new Sample();
        new CommandLine(sample.model()).parseArgs(args);
        return sample;
    }

    @Test
    void everyKindOfArgumentReachesItsField() {
        Sample sample = parse("-f", "--name", "b", "--host", "h1", "--host=h2", "p1", "p2");
        assertTrue(sample.force);
        assertEquals("b", sample.name);
        assertEquals(List.of("h1", "h2"), sample.hosts);
        assertEquals(List.of("p1", "p2"), sample.peers);
        assertEquals(List.of(), sample.rest);
    }

    @Test
    void fieldsNotGivenKeepTheirInitialValues() {
        Sample sample = parse("p1");
        assertFalse(sample.force);
        assertNull(sample.name);
        assertEquals(List.of(), sample.hosts);
    }

    @Test
    void aRequiredParameterIsRequired() {
        CommandLine.MissingParameterException missing = assertThrows(CommandLine.MissingParameterException.class,
                () -> parse("--force"));
        assertEquals("Missing required parameter: 'PEER'", missing.getMessage());
    }

    @Test
    void unmatchedArgumentsGoToTheCommandsCollectionWithoutAWarning() {
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        Sample sample;
        try {
            sample = parse("p1", "--unknown", "x");
        } finally {
            System.setErr(stderr);
        }
        assertEquals(List.of("p1", "x"), sample.peers);
        assertEquals(List.of("--unknown"), sample.rest);
        assertEquals("", captured.toString(StandardCharsets.UTF_8));
    }
}
