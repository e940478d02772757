package dev.weft.weaveutil.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.weaveutil.ns.NetNs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace made with {@code ip netns add weaveutil-t-XXXXXX} and deleted on close, with
 * helpers that inspect it through iproute2 ({@code ip -j -n NS ...}) rather than through the code
 * under test. Processes started in it are killed on close.
 */
public final class ThrowawayNamespace implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String name;
    private final List<Process> processes = new ArrayList<>();

    private ThrowawayNamespace(String name) {
        this.name = name;
    }

    public static ThrowawayNamespace create() {
        String name = "weaveutil-t-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xffffff));
        Shell.check("ip", "netns", "add", name);
        ThrowawayNamespace ns = new ThrowawayNamespace(name);
        ns.ip("link", "set", "lo", "up");
        return ns;
    }

    public String name() {
        return name;
    }

    public NetNs open() {
        return NetNs.named(name);
    }

    /** {@code ip -n NS ARGS...}, failing the test on a non-zero exit. */
    public String ip(String... args) {
        List<String> command = new ArrayList<>(List.of("ip", "-n", name));
        command.addAll(List.of(args));
        return Shell.check(command.toArray(String[]::new));
    }

    /** {@code ip -j -n NS ARGS...} parsed. */
    public JsonNode ipJson(String... args) {
        List<String> command = new ArrayList<>(List.of("ip", "-j", "-n", name));
        command.addAll(List.of(args));
        String out = Shell.check(command.toArray(String[]::new));
        try {
            return JSON.readTree(out.isBlank() ? "[]" : out);
        } catch (Exception e) {
            throw new AssertionError("unparsable output of " + command + ": " + out, e);
        }
    }

    /** The link as {@code ip -j -d link show dev NAME} reports it, if present. */
    public Optional<JsonNode> link(String ifName) {
        for (JsonNode link : ipJson("-d", "link", "show")) {
            if (ifName.equals(link.path("ifname").asText())) {
                return Optional.of(link);
            }
        }
        return Optional.empty();
    }

    /** IPv4 addresses of a link as "a.b.c.d/len" strings. */
    public List<String> ipv4(String ifName) {
        List<String> out = new ArrayList<>();
        for (JsonNode link : ipJson("-4", "addr", "show", "dev", ifName)) {
            for (JsonNode a : link.path("addr_info")) {
                out.add(a.path("local").asText() + "/" + a.path("prefixlen").asInt());
            }
        }
        return out;
    }

    /** {@code ip netns exec NS COMMAND...}. */
    public String exec(String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(List.of(command));
        return Shell.check(full.toArray(String[]::new));
    }

    /** Starts a long sleep inside the namespace, standing in for a container; returns its PID. */
    public int startProcess() {
        try {
            Process p = new ProcessBuilder("ip", "netns", "exec", name, "sleep", "600").start();
            processes.add(p);
            // `ip netns exec` execs sleep in the same process once it has entered the namespace.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < deadline) {
                String comm = Files.readString(Path.of("/proc", Long.toString(p.pid()), "comm")).trim();
                if (comm.equals("sleep")) {
                    return (int) p.pid();
                }
                Thread.sleep(5);
            }
            throw new AssertionError("process did not start in " + name);
        } catch (Exception e) {
            throw new AssertionError("cannot start a process in " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.destroyForcibly();
        }
        Shell.run(List.of("ip", "netns", "del", name));
    }
}
