package dev.weft.router.iptables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * In-memory iptables for tests: tables of ordered chains of rules, with the built-in chains
 * present, and the same failures the program reports (unknown chain, rule not found, ...).
 */
public final class FakeIptables implements Iptables {
    private final Map<String, Map<String, List<List<String>>>> tables = new LinkedHashMap<>();
    private int commands;
    private int runs;

    public FakeIptables() {
        builtIn("filter", "INPUT", "FORWARD", "OUTPUT");
        builtIn("nat", "PREROUTING", "INPUT", "OUTPUT", "POSTROUTING");
        builtIn("mangle", "PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING");
    }

    private void builtIn(String table, String... chains) {
        Map<String, List<List<String>>> t = tables.computeIfAbsent(table, k -> new LinkedHashMap<>());
        for (String chain : chains) {
            t.put(chain, new ArrayList<>());
        }
    }

    /** The rules of a chain in order (a copy). */
    public synchronized List<List<String>> rules(String table, String chain) {
        return List.copyOf(chain(table, chain, "-S"));
    }

    /** Makes the table unusable, as on a kernel without it: every command on it fails. */
    public synchronized void removeTable(String table) {
        tables.remove(table);
    }

    /** How many iptables processes the router would have started. */
    public synchronized int runs() {
        return runs;
    }

    /** How many changing commands were run, to check that a repeated set-up changes nothing. */
    public synchronized int changes() {
        return commands;
    }

    @Override
    public synchronized boolean chainExists(String table, String chain) {
        runs++;
        return tables.getOrDefault(table, Map.of()).containsKey(chain);
    }

    @Override
    public synchronized void newChain(String table, String chain) {
        runs++;
        Map<String, List<List<String>>> t = table(table);
        if (t.containsKey(chain)) {
            throw new IptablesException("iptables -t " + table + " -N " + chain + ": Chain already exists.");
        }
        commands++;
        t.put(chain, new ArrayList<>());
    }

    @Override
    public synchronized void flushChain(String table, String chain) {
        runs++;
        commands++;
        chain(table, chain, "-F").clear();
    }

    @Override
    public synchronized void deleteChain(String table, String chain) {
        runs++;
        List<List<String>> rules = chain(table, chain, "-X");
        if (!rules.isEmpty()) {
            throw new IptablesException("iptables -t " + table + " -X " + chain + ": Directory not empty.");
        }
        for (List<List<String>> other : table(table).values()) {
            for (List<String> rule : other) {
                if (jumpTarget(rule).equals(chain)) {
                    throw new IptablesException("iptables -t " + table + " -X " + chain + ": Too many links.");
                }
            }
        }
        commands++;
        table(table).remove(chain);
    }

    @Override
    public synchronized boolean exists(String table, String chain, List<String> rule) {
        runs++;
        return tables.getOrDefault(table, Map.of()).containsKey(chain) && chain(table, chain, "-C").contains(rule);
    }

    @Override
    public synchronized void append(String table, String chain, List<String> rule) {
        runs++;
        checkTarget(table, rule);
        commands++;
        chain(table, chain, "-A").add(List.copyOf(rule));
    }

    @Override
    public synchronized void insert(String table, String chain, int position, List<String> rule) {
        runs++;
        List<List<String>> rules = chain(table, chain, "-I");
        if (position < 1 || position > rules.size() + 1) {
            throw new IptablesException("iptables -t " + table + " -I " + chain + " " + position + ": Index of insertion too big.");
        }
        checkTarget(table, rule);
        commands++;
        rules.add(position - 1, List.copyOf(rule));
    }

    @Override
    public synchronized void delete(String table, String chain, List<String> rule) {
        runs++;
        if (!chain(table, chain, "-D").remove(rule)) {
            throw new IptablesException("iptables -t " + table + " -D " + chain + " " + String.join(" ", rule)
                    + ": Bad rule (does a matching rule exist in that chain?).");
        }
        commands++;
    }

    @Override
    public synchronized TableListing list(String table) {
        runs++;
        List<String> lines = new ArrayList<>();
        table(table).keySet().forEach(chain -> lines.add(BUILT_IN_CHAINS.contains(chain) ? "-P " + chain + " ACCEPT" : "-N " + chain));
        table(table).forEach((chain, rules) -> rules.forEach(rule -> lines.add("-A " + chain + " " + String.join(" ", rule))));
        return new TableListing(lines);
    }

    /** As iptables-restore: every command or, when one fails, none. */
    @Override
    public synchronized void apply(String table, List<List<String>> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Map<String, List<List<String>>> before = new LinkedHashMap<>();
        table(table).forEach((chain, rules) -> before.put(chain, new ArrayList<>(rules)));
        int changesBefore = commands;
        int runsBefore = runs;
        try {
            batch.forEach(command -> run(table, command));
        } catch (IptablesException e) {
            tables.put(table, before);
            commands = changesBefore;
            throw e;
        } finally {
            runs = runsBefore + 1;
        }
    }

    private void run(String table, List<String> command) {
        String op = command.get(0);
        String chain = command.get(1);
        List<String> rest = command.subList(2, command.size());
        switch (op) {
            case "-N" -> newChain(table, chain);
            case "-F" -> flushChain(table, chain);
            case "-X" -> deleteChain(table, chain);
            case "-A" -> append(table, chain, rest);
            case "-D" -> delete(table, chain, rest);
            case "-I" -> insert(table, chain, Integer.parseInt(rest.get(0)), rest.subList(1, rest.size()));
            default -> throw new IptablesException("iptables-restore: unknown command " + op);
        }
    }

    private Map<String, List<List<String>>> table(String table) {
        Map<String, List<List<String>>> t = tables.get(table);
        if (t == null) {
            throw new IptablesException("iptables -t " + table + ": can't initialize iptables table `" + table + "'");
        }
        return t;
    }

    private List<List<String>> chain(String table, String chain, String op) {
        List<List<String>> rules = table(table).get(chain);
        if (rules == null) {
            throw new IptablesException("iptables -t " + table + " " + op + " " + chain + ": No chain/target/match by that name.");
        }
        return rules;
    }

    private void checkTarget(String table, List<String> rule) {
        String target = jumpTarget(rule);
        boolean builtInTarget = target.isEmpty() || target.equals(target.toUpperCase()) && List.of(
                "ACCEPT", "DROP", "RETURN", "MASQUERADE", "REJECT", "NFLOG", "SNAT", "DNAT").contains(target);
        if (!builtInTarget && !table(table).containsKey(target)) {
            throw new IptablesException("iptables -t " + table + ": Couldn't load target `" + target + "'");
        }
    }

    private static String jumpTarget(List<String> rule) {
        int j = rule.indexOf("-j");
        return j >= 0 && j + 1 < rule.size() ? rule.get(j + 1) : "";
    }
}
