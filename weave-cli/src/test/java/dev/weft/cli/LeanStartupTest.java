package dev.weft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Everyday commands must not pay for loading docker-java: checked in a fresh JVM's class-load log. */
class LeanStartupTest {

    @ParameterizedTest
    @ValueSource(strings = {"ps", "status", "attach c1", "dns-add c1", "expose", "version"})
    void commandDoesNotLoadDockerJava(String command) throws IOException, InterruptedException {
        List<String> argv = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xlog:class+load=info",
                "-cp", System.getProperty("java.class.path"), Weave.class.getName()));
        argv.addAll(List.of(command.split(" ")));
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
        builder.environment().put("WEAVE_HTTP_ADDR", "127.0.0.1:1");
        builder.environment().put("WEAVE_STATUS_ADDR", "127.0.0.1:1");
        builder.environment().put("DOCKER_HOST", "unix:///nonexistent/docker.sock");
        Process process = builder.start();
        String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = process.waitFor();
        assertTrue(log.contains("dev.weft.cli.Weave"), "the class-load log is missing");
        assertFalse(log.contains("com.github.dockerjava"), command + " loaded docker-java");
        assertEquals(command.equals("version") ? 0 : 2, status, log.lines().filter(l -> l.startsWith("weave")).toList()
                .toString());
    }
}
