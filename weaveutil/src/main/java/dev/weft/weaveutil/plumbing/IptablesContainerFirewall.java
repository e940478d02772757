package dev.weft.weaveutil.plumbing;

import dev.weft.weaveutil.addr.Cidr;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Reads the INPUT chain with one {@code iptables -S} and applies what is missing (or what goes) with
 * one {@code iptables-restore --noflush}, atomically: two short processes per attach or detach instead
 * of a check and a change per rule (four on a first attach), and only the second when the attach has just
 * made the interface. A process started from a thread inside a network namespace starts in that
 * namespace, so the rules land in the container. Without the iptables binaries every call is skipped
 * with a logged warning.
 */
public final class IptablesContainerFirewall implements ContainerFirewall {
    private static final System.Logger LOG = System.getLogger(IptablesContainerFirewall.class.getName());
    private static final long TIMEOUT_SECONDS = 30;

    private final Optional<Path> iptables;
    private final Optional<Path> iptablesRestore;
    private volatile boolean warned;

    public IptablesContainerFirewall() {
        this(findOnPath("iptables"), findOnPath("iptables-restore"));
    }

    IptablesContainerFirewall(Optional<Path> iptables, Optional<Path> iptablesRestore) {
        this.iptables = iptables;
        this.iptablesRestore = iptablesRestore;
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
    public void ensureMulticastFilter(String ifName, Collection<Cidr> allowedSubnets) {
        if (available()) {
            restore(filterChanges(ifName, allowedSubnets, inputRules()));
        }
    }

    @Override
    public void installMulticastFilter(String ifName, Collection<Cidr> allowedSubnets) {
        if (available()) {
            restore(filterChanges(ifName, allowedSubnets, Set.of()));
        }
    }

    /** The rules of the filter that {@code present} lacks, ACCEPT rules inserted first and the DROP rule appended. */
    static List<String> filterChanges(String ifName, Collection<Cidr> allowedSubnets, Set<FilterRule> present) {
        List<String> changes = new ArrayList<>();
        for (Cidr subnet : allowedSubnets) {
            FilterRule allow = FilterRule.allow(ifName, subnet);
            if (!present.contains(allow)) {
                changes.add("-I INPUT 1 " + allow.spec());
            }
        }
        FilterRule drop = FilterRule.drop(ifName);
        if (!present.contains(drop)) {
            changes.add("-A INPUT " + drop.spec());
        }
        return changes;
    }

    @Override
    public void removeMulticastAllows(String ifName, Collection<Cidr> subnets) {
        if (!available()) {
            return;
        }
        Set<FilterRule> present = inputRules();
        restore(subnets.stream().map(subnet -> FilterRule.allow(ifName, subnet)).filter(present::contains)
                .map(rule -> "-D INPUT " + rule.spec()).toList());
    }

    @Override
    public void removeMulticastFilter(String ifName) {
        if (!available()) {
            return;
        }
        restore(inputRules().stream().filter(rule -> rule.isMulticastFilterOf(ifName))
                .map(rule -> "-D INPUT " + rule.spec()).toList());
    }

    private boolean available() {
        if ((iptables.isEmpty() || iptablesRestore.isEmpty()) && !warned) {
            warned = true;
            LOG.log(System.Logger.Level.WARNING, "no iptables or iptables-restore binary found: container multicast "
                    + "rules skipped");
        }
        return iptables.isPresent() && iptablesRestore.isPresent();
    }

    private Set<FilterRule> inputRules() {
        Result listed = execute(List.of(iptables.orElseThrow().toString(), "-w", "-S", "INPUT"), null);
        if (listed.exitCode != 0) {
            throw new PlumbingException("iptables -S INPUT: " + listed.output.strip().replace('\n', ' '));
        }
        Set<FilterRule> rules = new LinkedHashSet<>();
        listed.output.lines().map(line -> FilterRule.parse("INPUT", line)).flatMap(Optional::stream)
                .forEach(rules::add);
        return rules;
    }

    private void restore(List<String> changes) {
        if (changes.isEmpty()) {
            return;
        }
        Result result = execute(List.of(iptablesRestore.orElseThrow().toString(), "-w", "--noflush"),
                IptablesRestoreInput.of("filter", changes));
        if (result.exitCode != 0) {
            throw new PlumbingException("iptables-restore " + String.join("; ", changes) + ": "
                    + result.output.strip().replace('\n', ' '));
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static Result execute(List<String> command, String input) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (OutputStream stdin = process.getOutputStream()) {
                if (input != null) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new PlumbingException(command.get(0) + " timed out");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new PlumbingException("run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlumbingException("interrupted while running " + command.get(0), e);
        }
    }
}
