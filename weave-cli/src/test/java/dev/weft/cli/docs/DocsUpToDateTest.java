package dev.weft.cli.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The committed completions and man pages must be what the current picocli model generates. */
class DocsUpToDateTest {
    private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();

    @Test
    void committedCompletionsAndManPagesMatchTheModel() throws IOException {
        Map<String, String> fresh = GenerateDocs.render();
        List<String> stale = new ArrayList<>();
        for (Map.Entry<String, String> file : fresh.entrySet()) {
            Path committed = REPOSITORY.resolve(file.getKey());
            if (!Files.exists(committed)
                    || !Files.readString(committed, StandardCharsets.UTF_8).equals(file.getValue())) {
                stale.add(file.getKey());
            }
        }
        for (String dir : List.of("completions", "man")) {
            try (Stream<Path> committed = Files.list(REPOSITORY.resolve(dir))) {
                committed.map(p -> dir + "/" + p.getFileName()).filter(p -> !fresh.containsKey(p))
                        .forEach(p -> stale.add(p + " (no longer generated)"));
            }
        }
        assertEquals(List.of(), stale, "completions/ and man/ differ from the picocli model; regenerate them with: "
                + GenerateDocs.REGENERATE);
    }
}
