package dev.weft.router.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.router.testsupport.ThrowawayNetns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code weaver} process in a throwaway network namespace standing in for the host: real
 * netlink and iptables, no Docker. Checks start-up, the bridge and rules, expose, and a clean SIGTERM.
 */
@Tag("privileged")
class WeaverPrivilegedTest {

    @TempDir
    Path dir;

    private ThrowawayNetns host;
    private Process router;

    @AfterEach
    void tearDown() throws Exception {
        if (router != null && router.isAlive()) {
            router.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (host != null) {
            host.close();
        }
    }

    @Test
    void runsOnRealPlumbingAndStopsCleanlyOnSigterm() throws Exception {
        ThrowawayNetns.assumeRoot();
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "needs curl to call the API inside the namespace");
        host = ThrowawayNetns.create("rcore");
        ThrowawayNetns.run(host.exec("ip", "link", "set", "lo", "up").toArray(String[]::new));
        Path log = dir.resolve("weaver.log");
        router = new ProcessBuilder(weaverCommand()).redirectErrorStream(true).redirectOutput(log.toFile()).start();

        String status = awaitStatus(log);
        assertTrue(status.contains("           Name: 8a:3e:3e:3e:3e:3e(h1)\n"), status);
        assertTrue(status.contains("        Service: ipam\n"), status);
        assertTrue(status.contains("        Service: dns\n"), status);
        assertTrue(ThrowawayNetns.run(host.exec("ip", "-o", "link", "show", "weave").toArray(String[]::new))
                .contains("mtu 1376"));
        assertTrue(ThrowawayNetns.run(host.exec("iptables", "-t", "nat", "-S", "POSTROUTING").toArray(String[]::new))
                .contains("-j WEAVE"));

        assertEquals("204", curl("-X", "POST", "-o", "/dev/null", "-w", "%{http_code}",
                "http://127.0.0.1:6784/expose/10.2.0.1/24"));
        assertTrue(ThrowawayNetns.run(host.exec("ip", "-4", "-o", "addr", "show", "dev", "weave").toArray(String[]::new))
                .contains("10.2.0.1/24"));
        assertEquals("10.32.0.1/12", curl("-X", "POST", "http://127.0.0.1:6784/ip/c0ffee"));

        router.destroy();
        assertTrue(router.waitFor(30, TimeUnit.SECONDS), "weaver stops on SIGTERM");
        String output = Files.readString(log);
        assertTrue(output.contains("INFO Daemon - stopped"), output);
        assertTrue(Files.size(dir.resolve("weavedata.db")) > 0);
    }

    private List<String> weaverCommand() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(host.exec(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx96m", "-cp", classPath, Weaver.class.getName()));
        command.addAll(List.of("--name", "8a:3e:3e:3e:3e:3e", "--nickname", "h1", "--docker-api=",
                "--db-prefix", dir.resolve("weave").toString(), "--host-root", dir.toString(),
                "--dns-listen-address", "127.0.0.1:5353", "--docker-bridge", "",
                "--restart-sentinel", dir.resolve("restart.sentinel").toString()));
        return command;
    }

    private String awaitStatus(Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertTrue(router.isAlive(), () -> "weaver exited: " + read(log));
            if ("200".equals(curl("-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:6782/status"))) {
                return curl("http://127.0.0.1:6782/status");
            }
            Thread.sleep(200);
        }
        throw new AssertionError("weaver not ready within 60 s: " + read(log));
    }

    private String curl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "-m", "10"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(host.exec(command.toArray(String[]::new))).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(15, TimeUnit.SECONDS);
        return out;
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
