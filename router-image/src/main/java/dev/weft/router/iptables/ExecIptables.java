package dev.weft.router.iptables;

import dev.weft.weaveutil.plumbing.IptablesRestoreInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.zeroturnaround.exec.ProcessExecutor;
import org.zeroturnaround.exec.ProcessResult;

/**
 * Runs the {@code iptables} program. {@code -w} waits for the xtables lock, so concurrent callers
 * (Docker, kube-proxy, another weft command) do not make a rule change fail spuriously.
 */
public final class ExecIptables implements Iptables {
    private static final long TIMEOUT_SECONDS = 30;
    private final Supplier<List<String>> program;

    public ExecIptables() {
        this(List.of("iptables"));
    }

    /**
     * The iptables of this host's firewall backend. The router image carries both backends; rules
     * must go where the host's other rules (Docker's, the distribution's) already are, so when only
     * the legacy tables hold rules, {@code iptables-legacy} is used, else the default {@code iptables}.
     */
    public static ExecIptables detect() {
        return new ExecIptables(() -> List.of(chooseProgram(countRules("iptables-legacy-save"),
                countRules("iptables-nft-save"))));
    }

    /** The program to use given how many rules each backend's save lists (-1: that backend is unavailable). */
    static String chooseProgram(int legacyRules, int nftRules) {
        return legacyRules > 0 && nftRules <= 0 ? "iptables-legacy" : "iptables";
    }

    private static int countRules(String saveProgram) {
        try {
            ProcessResult result = new ProcessExecutor().command(saveProgram).readOutput(true)
                    .exitValueAny().timeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).execute();
            if (result.getExitValue() != 0) {
                return -1;
            }
            return (int) result.outputUTF8().lines().filter(l -> l.startsWith("-A ")).count();
        } catch (IOException | TimeoutException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** @param program the command that runs iptables, e.g. {@code ip netns exec ns1 iptables} */
    public ExecIptables(List<String> program) {
        List<String> fixed = List.copyOf(program);
        this.program = () -> fixed;
    }

    /**
     * @param program asked once, at the first iptables run (the detection runs two processes: the router
     *                starts faster when that happens on the thread that applies its rules)
     */
    private ExecIptables(Supplier<List<String>> program) {
        this.program = new Supplier<>() {
            private List<String> chosen;

            @Override
            public synchronized List<String> get() {
                if (chosen == null) {
                    chosen = List.copyOf(program.get());
                }
                return chosen;
            }
        };
    }

    /** The command line prefix used, e.g. {@code [iptables-legacy]}. */
    public List<String> program() {
        return program.get();
    }

    @Override
    public boolean chainExists(String table, String chain) {
        return run(table, List.of("-S", chain), false) == 0;
    }

    @Override
    public void newChain(String table, String chain) {
        run(table, List.of("-N", chain), true);
    }

    @Override
    public void flushChain(String table, String chain) {
        run(table, List.of("-F", chain), true);
    }

    @Override
    public void deleteChain(String table, String chain) {
        run(table, List.of("-X", chain), true);
    }

    @Override
    public boolean exists(String table, String chain, List<String> rule) {
        return run(table, command("-C", chain, rule), false) == 0;
    }

    @Override
    public void append(String table, String chain, List<String> rule) {
        run(table, command("-A", chain, rule), true);
    }

    @Override
    public void insert(String table, String chain, int position, List<String> rule) {
        List<String> args = new ArrayList<>(List.of("-I", chain, Integer.toString(position)));
        args.addAll(rule);
        run(table, args, true);
    }

    @Override
    public void delete(String table, String chain, List<String> rule) {
        run(table, command("-D", chain, rule), true);
    }

    @Override
    public TableListing list(String table) {
        ProcessResult result = execute(tableCommand(table, List.of("-S")), null, true);
        return new TableListing(result.outputUTF8().lines().toList());
    }

    @Override
    public void apply(String table, List<List<String>> commands) {
        if (commands.isEmpty()) {
            return;
        }
        String input = IptablesRestoreInput.of(table, commands.stream().map(ExecIptables::restoreLine).toList());
        List<String> restore = new ArrayList<>(program.get());
        restore.set(restore.size() - 1, restore.get(restore.size() - 1) + "-restore");
        restore.addAll(List.of("-w", "--noflush"));
        execute(restore, input, true);
    }

    /** A command as iptables-restore reads it: words with spaces in double quotes. */
    static String restoreLine(List<String> command) {
        StringBuilder line = new StringBuilder();
        for (String word : command) {
            if (word.isEmpty() || word.contains("\"") || word.contains("\n") || word.contains("\\")) {
                throw new IptablesException("cannot pass '" + word + "' to iptables-restore");
            }
            line.append(line.length() == 0 ? "" : " ").append(word.contains(" ") ? '"' + word + '"' : word);
        }
        return line.toString();
    }

    private static List<String> command(String op, String chain, List<String> rule) {
        List<String> args = new ArrayList<>(List.of(op, chain));
        args.addAll(rule);
        return args;
    }

    private int run(String table, List<String> args, boolean mustSucceed) {
        return execute(tableCommand(table, args), null, mustSucceed).getExitValue();
    }

    private List<String> tableCommand(String table, List<String> args) {
        List<String> command = new ArrayList<>(program.get());
        command.addAll(List.of("-w", "-t", table));
        command.addAll(args);
        return command;
    }

    /** Runs the command with {@code input} (if any) on its standard input; its output is read, stderr with it. */
    private static ProcessResult execute(List<String> command, String input, boolean mustSucceed) {
        ProcessResult result;
        try {
            ProcessExecutor executor = new ProcessExecutor().command(command).readOutput(true)
                    .redirectErrorStream(true).exitValueAny().timeout(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (input != null) {
                executor.redirectInput(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
            }
            result = executor.execute();
        } catch (IOException e) {
            throw new IptablesException(String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (TimeoutException e) {
            throw new IptablesException(String.join(" ", command) + ": no answer after " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IptablesException(String.join(" ", command) + ": interrupted", e);
        }
        if (mustSucceed && result.getExitValue() != 0) {
            throw new IptablesException(String.join(" ", command) + ": " + result.outputUTF8().strip());
        }
        return result;
    }
}
