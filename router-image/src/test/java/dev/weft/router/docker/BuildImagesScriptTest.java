package dev.weft.router.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs the bats tests of build-images.sh (context assembly and its errors; no engine needed). */
class BuildImagesScriptTest {

    @Test
    void batsSuitePasses() throws Exception {
        Path suite = Path.of("docker/test/build-images.bats");
        assumeTrue(Files.isRegularFile(suite), "not run from the router-image module directory");
        assumeTrue(onPath("bats"), "bats is not installed (apt-get install bats)");
        Process bats = new ProcessBuilder("bats", suite.toString()).redirectErrorStream(true).start();
        String output = new String(bats.getInputStream().readAllBytes());
        assertEquals(true, bats.waitFor(120, TimeUnit.SECONDS), "bats did not finish");
        assertEquals(0, bats.exitValue(), output);
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
