package dev.weft.router.iptables;

import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * One table as {@code iptables -t <table> -S} listed it: which chains exist, and which of the router's rules
 * cannot be there. iptables prints a rule in its own form ({@code --dst 10.0.0.1} as {@code -d 10.0.0.1/32},
 * matches added), so a listing never proves a rule present; but it prints interface names, targets and
 * ports as given, so a rule whose words are on no line of its chain is certainly absent, and needs no
 * {@code -C} (one process each) to say so.
 */
public final class TableListing {
    private static final Set<String> VERBATIM_VALUES_OF = Set.of("-i", "-o", "-j", "--dport");

    private final List<String> lines;

    public TableListing(List<String> lines) {
        this.lines = List.copyOf(lines);
    }

    /** The chain is built in ({@code -P}) or was created ({@code -N}). */
    public boolean hasChain(String chain) {
        return lines.contains("-N " + chain) || lines.stream().anyMatch(line -> line.startsWith("-P " + chain + " "));
    }

    /** False when no rule of the chain has every interface, target and port of {@code rule}. */
    public boolean mayHold(String chain, List<String> rule) {
        List<String> words = verbatimWords(rule);
        String prefix = "-A " + chain + " ";
        return lines.stream().filter(line -> line.startsWith(prefix))
                .anyMatch(line -> List.of(line.split("\\s+")).containsAll(words));
    }

    private static List<String> verbatimWords(List<String> rule) {
        return IntStream.range(1, rule.size())
                .filter(i -> VERBATIM_VALUES_OF.contains(rule.get(i - 1)))
                .mapToObj(rule::get).toList();
    }
}
