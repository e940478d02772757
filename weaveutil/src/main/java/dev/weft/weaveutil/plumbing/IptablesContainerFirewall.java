package dev.weft.weaveutil.plumbing;

import dev.weft.weaveutil.addr.Cidr;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code iptables}. A process started from a thread inside a network namespace starts in that
 * namespace, so the rules land in the container. Without an iptables binary every call is skipped
 * with a logged warning.
 */
public final class IptablesContainerFirewall implements ContainerFirewall {
    private static final System.Logger LOG = System.getLogger(IptablesContainerFirewall.class.getName());
    private static final String MULTICAST = "224.0.0.0/4";
    private static final long TIMEOUT_SECONDS = 30;

    private final Optional<Path> iptables;
    private volatile boolean warned;

    public IptablesContainerFirewall() {
        this(findOnPath("iptables"));
    }

    IptablesContainerFirewall(Optional<Path> iptables) {
        this.iptables = iptables;
    }

    static Optional<Path> findOnPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin:/bin";
        for (String dir : path.split(":")) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, program);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public void ensureMulticastDrop(String ifName) {
        List<String> rule = List.of("INPUT", "-i", ifName, "-d", MULTICAST, "-j", "DROP");
        if (available() && !exists(rule)) {
            run("-A", rule);
        }
    }

    @Override
    public void allowMulticastFrom(String ifName, Cidr subnet) {
        List<String> rule = allowRule(ifName, subnet);
        if (available() && !exists(rule)) {
            List<String> insert = new ArrayList<>(rule);
            insert.add(1, "1");
            run("-I", insert);
        }
    }

    @Override
    public void removeMulticastAllow(String ifName, Cidr subnet) {
        List<String> rule = allowRule(ifName, subnet);
        if (available() && exists(rule)) {
            run("-D", rule);
        }
    }

    @Override
    public void removeMulticastDrop(String ifName) {
        List<String> rule = List.of("INPUT", "-i", ifName, "-d", MULTICAST, "-j", "DROP");
        if (available() && exists(rule)) {
            run("-D", rule);
        }
    }

    private static List<String> allowRule(String ifName, Cidr subnet) {
        return List.of("INPUT", "-i", ifName, "-s", subnet.network().toString(), "-d", MULTICAST, "-j", "ACCEPT");
    }

    private boolean available() {
        if (iptables.isEmpty() && !warned) {
            warned = true;
            LOG.log(System.Logger.Level.WARNING, "no iptables binary found: container multicast rules skipped");
        }
        return iptables.isPresent();
    }

    private boolean exists(List<String> rule) {
        return execute("-C", rule).exitCode == 0;
    }

    private void run(String action, List<String> rule) {
        Result result = execute(action, rule);
        if (result.exitCode != 0) {
            throw new PlumbingException("iptables " + action + " " + String.join(" ", rule) + ": "
                    + result.output.strip().replace('\n', ' '));
        }
    }

    private record Result(int exitCode, String output) {
    }

    private Result execute(String action, List<String> rule) {
        List<String> command = new ArrayList<>();
        command.add(iptables.orElseThrow().toString());
        command.add("-w");
        command.add(action);
        command.addAll(rule);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new PlumbingException("iptables " + action + " timed out");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new PlumbingException("run iptables: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlumbingException("interrupted while running iptables", e);
        }
    }
}
