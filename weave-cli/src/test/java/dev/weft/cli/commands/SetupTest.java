package dev.weft.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.cli.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SetupTest {
    private final Cli cli = new Cli();

    @TempDir
    Path home;

    private String script() throws IOException {
        Path script = home.resolve("context/router-image/build-images.sh");
        Files.createDirectories(script.getParent());
        Files.writeString(script, "#!/bin/sh\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        cli.env.put("WEFT_HOME", home.toString());
        return script.toString();
    }

    @Test
    void runsTheInstalledImageBuild() throws IOException {
        String script = script();
        Cli.Result result = cli.run("setup");
        assertEquals(0, result.status(), result.err());
        assertEquals(List.of("bash " + script), cli.host.commands);
    }

    @Test
    void failedBuildPassesItsStatusOn() throws IOException {
        String script = script();
        cli.host.runStatus = 3;
        Cli.Result result = cli.run("setup");
        assertEquals(3, result.status());
        assertEquals("weave: building the images failed (" + script + " exited with 3)\n", result.err());
    }

    @Test
    void withoutAnInstallation() {
        cli.env.put("WEFT_HOME", home.toString());
        Cli.Result result = cli.run("setup");
        assertEquals(1, result.status());
        assertEquals("weave: cannot build images: " + home + "/context/router-image/build-images.sh is missing "
                + "(install weft with scripts/install.sh, or set WEFT_HOME)\n", result.err());
    }
}
