package dev.weft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The class data archive's training run covers real subcommands and runs to its end. */
class ArchiveTrainingTest {

    @Test
    void everyTrainedCommandIsASubcommand() {
        for (List<String> command : ArchiveTraining.COMMANDS) {
            assertTrue(Weave.invokedSubcommand(command.toArray(String[]::new)).isPresent(), command.toString());
        }
    }

    @Test
    void theEngineClientsCallsGetAnswersFromTheCannedEngine() throws Exception {
        assertEquals("0123456789ab", EngineTraining.run());
    }

    @Test
    void runsWithoutARouterOrEngine() {
        ArchiveTraining.main(new String[0]);
    }
}
