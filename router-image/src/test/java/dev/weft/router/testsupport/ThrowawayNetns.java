package dev.weft.router.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A network namespace made for one test with {@code ip netns add} and removed by {@link #close()}. */
public final class ThrowawayNetns implements AutoCloseable {
    private final String name;

    private ThrowawayNetns(String name) {
        this.name = name;
    }

    /** Skips the calling test, with the reason, unless running as root with {@code ip} available. */
    public static void assumeRoot() {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to create network namespaces");
    }

    public static ThrowawayNetns create(String prefix) throws IOException, InterruptedException {
        assumeRoot();
        String name = prefix + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 100000;
        run("ip", "netns", "add", name);
        return new ThrowawayNetns(name);
    }

    public String name() {
        return name;
    }

    /** A command prefix that runs a program inside the namespace. */
    public List<String> exec(String... program) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", name));
        command.addAll(List.of(program));
        return command;
    }

    public static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + ": " + out.strip());
        }
        return out;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("ip", "netns", "delete", name);
    }
}
