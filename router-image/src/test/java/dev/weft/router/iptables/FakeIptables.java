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

    /** How many changing commands were run, to check that a repeated set-up changes nothing. */
    public synchronized int changes() {
        return commands;
    }

    @Override
    public synchronized boolean chainExists(String table, String chain) {
        return tables.getOrDefault(table, Map.of()).containsKey(chain);
    }

    @Override
    public synchronized void newChain(String table, String chain) {
        Map<String, List<List<String>>> t = table(table);
        if (t.containsKey(chain)) {
            throw new IptablesException("iptables -t " + table + " -N " + chain + ": Chain already exists.");
        }
        commands++;
        t.put(chain, new ArrayList<>());
    }

    @Override
    public synchronized void flushChain(String table, String chain) {
        commands++;
        chain(table, chain, "-F").clear();
    }

    @Override
    public synchronized void deleteChain(String table, String chain) {
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
        return chainExists(table, chain) && chain(table, chain, "-C").contains(rule);
    }

    @Override
    public synchronized void append(String table, String chain, List<String> rule) {
        checkTarget(table, rule);
        commands++;
        chain(table, chain, "-A").add(List.copyOf(rule));
    }

    @Override
    public synchronized void insert(String table, String chain, int position, List<String> rule) {
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
        if (!chain(table, chain, "-D").remove(rule)) {
            throw new IptablesException("iptables -t " + table + " -D " + chain + " " + String.join(" ", rule)
                    + ": Bad rule (does a matching rule exist in that chain?).");
        }
        commands++;
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
