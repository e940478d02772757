package dev.weft.router.iptables;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.zeroturnaround.exec.ProcessExecutor;
import org.zeroturnaround.exec.ProcessResult;

/**
 * Runs the {@code iptables} program. {@code -w} waits for the xtables lock, so concurrent callers
 * (Docker, kube-proxy, another weft command) do not make a rule change fail spuriously.
 */
public final class ExecIptables implements Iptables {
    private static final long TIMEOUT_SECONDS = 30;
    private final List<String> program;

    public ExecIptables() {
        this(List.of("iptables"));
    }

    /** @param program the command that runs iptables, e.g. {@code ip netns exec ns1 iptables} */
    public ExecIptables(List<String> program) {
        this.program = List.copyOf(program);
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

    private static List<String> command(String op, String chain, List<String> rule) {
        List<String> args = new ArrayList<>(List.of(op, chain));
        args.addAll(rule);
        return args;
    }

    private int run(String table, List<String> args, boolean mustSucceed) {
        List<String> command = new ArrayList<>(program);
        command.addAll(List.of("-w", "-t", table));
        command.addAll(args);
        ProcessResult result;
        try {
            result = new ProcessExecutor().command(command).readOutput(true).redirectErrorStream(true)
                    .exitValueAny().timeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).execute();
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
        return result.getExitValue();
    }
}
