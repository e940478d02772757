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

/** Commands must not pay for loading docker-java: checked in a fresh JVM's class-load log. */
class LeanStartupTest {

    private record Run(String log, int status) {
        List<String> weaveLines() {
            return log.lines().filter(l -> l.startsWith("weave")).toList();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ps", "status", "attach c1", "dns-add c1", "expose", "version"})
    void commandDoesNotLoadDockerJava(String command) throws IOException, InterruptedException {
        Run run = run(command);
        assertFalse(run.log.contains("com.github.dockerjava"), command + " loaded docker-java");
        assertEquals(command.equals("version") ? 0 : 2, run.status, run.weaveLines().toString());
    }

    /** They talk to the engine on its unix socket themselves; here nobody answers there. */
    @ParameterizedTest
    @ValueSource(strings = {"launch", "stop", "reset --force"})
    void engineCommandsOnAUnixSocketDoNotLoadDockerJava(String command) throws IOException, InterruptedException {
        Run run = run(command);
        assertFalse(run.log.contains("com.github.dockerjava"), command + " loaded docker-java");
        assertEquals(List.of("weave: inspect container weave: cannot reach the Docker engine at "
                + "unix:///nonexistent/docker.sock: No such file or directory"), run.weaveLines());
        assertEquals(1, run.status);
    }

    private static Run run(String command) throws IOException, InterruptedException {
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
        return new Run(log, status);
    }
}
