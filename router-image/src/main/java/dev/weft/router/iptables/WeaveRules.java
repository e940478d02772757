package dev.weft.router.iptables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The router's own chains and rules (without network policy): the filter FORWARD block kept at the
 * top of the chain in a fixed order, the INPUT guards of the router's ports, nat POSTROUTING into
 * the {@code WEAVE} chain, and the {@code WEAVE-CANARY} chains whose disappearance tells that
 * somebody (a firewall reload) wiped the rules.
 */
public final class WeaveRules {
    public static final String FILTER = "filter";
    public static final String NAT = "nat";
    public static final String MANGLE = "mangle";
    public static final String EXPOSE_CHAIN = "WEAVE-EXPOSE";
    public static final String NAT_CHAIN = "WEAVE";
    public static final String CANARY_CHAIN = "WEAVE-CANARY";
    public static final List<String> CANARY_TABLES = List.of(MANGLE, NAT, FILTER);

    private final Iptables iptables;
    private final RulesConfig config;

    public WeaveRules(Iptables iptables, RulesConfig config) {
        this.iptables = iptables;
        this.config = config;
    }

    /**
     * Creates everything at router start. The expose and NAT chains start empty: exposed addresses
     * are re-applied by the caller afterwards. Safe to run again.
     * <p>Each table is listed once and changed in one transaction; only a rule that its chain's listing
     * cannot rule out is checked with {@code -C}. On a host without weave's rules that is five iptables
     * processes and the three transactions, where a command per check and per change took forty (a
     * second of a router's start on a small VM, beside its mesh connecting).
     */
    public void setUp() {
        Map<String, TableListing> listings = new LinkedHashMap<>();
        Map<String, List<List<String>>> changes = new LinkedHashMap<>();
        for (String table : CANARY_TABLES) {
            listings.put(table, iptables.list(table));
            changes.put(table, new ArrayList<>());
        }
        emptyChain(listings.get(FILTER), changes.get(FILTER), EXPOSE_CHAIN);
        emptyChain(listings.get(NAT), changes.get(NAT), NAT_CHAIN);
        forwardBlockChanges(listings.get(FILTER), changes.get(FILTER));
        for (List<String> rule : inputRules()) {
            if (!present(listings.get(FILTER), FILTER, "INPUT", rule)) {
                changes.get(FILTER).add(command("-A", "INPUT", rule));
            }
        }
        if (!present(listings.get(NAT), NAT, "POSTROUTING", jumpToNatChain())) {
            changes.get(NAT).add(command("-A", "POSTROUTING", jumpToNatChain()));
        }
        for (String table : CANARY_TABLES) {
            if (!listings.get(table).hasChain(CANARY_CHAIN)) {
                changes.get(table).add(List.of("-N", CANARY_CHAIN));
            }
        }
        changes.forEach(iptables::apply);
    }

    private static void emptyChain(TableListing listing, List<List<String>> changes, String chain) {
        changes.add(List.of(listing.hasChain(chain) ? "-F" : "-N", chain));
    }

    /** As {@link #ensureForwardBlock()}, the insertions added to {@code changes}. */
    private void forwardBlockChanges(TableListing listing, List<List<String>> changes) {
        List<List<String>> block = forwardBlock();
        List<List<String>> present = block.stream().filter(rule -> present(listing, FILTER, "FORWARD", rule)).toList();
        if (present.size() == block.size()) {
            return;
        }
        for (List<String> rule : present) {
            iptables.deleteIfPresent(FILTER, "FORWARD", rule);
        }
        int position = 1;
        for (List<String> rule : block) {
            List<String> insert = new ArrayList<>(List.of("-I", "FORWARD", Integer.toString(position++)));
            insert.addAll(rule);
            changes.add(insert);
        }
    }

    private boolean present(TableListing listing, String table, String chain, List<String> rule) {
        return listing.mayHold(chain, rule) && iptables.exists(table, chain, rule);
    }

    private static List<String> command(String op, String chain, List<String> rule) {
        List<String> command = new ArrayList<>(List.of(op, chain));
        command.addAll(rule);
        return command;
    }

    /** True when every canary chain is still there. */
    public boolean canariesPresent() {
        for (String table : CANARY_TABLES) {
            if (!iptables.chainExists(table, CANARY_CHAIN)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Keeps the FORWARD block at positions 1..n in order: when any of its rules is missing, all of
     * them are removed and inserted again, so that nothing added since can sit in between.
     *
     * @return true if the block had to be re-inserted
     */
    public boolean ensureForwardBlock() {
        List<List<String>> block = forwardBlock();
        boolean complete = true;
        for (List<String> rule : block) {
            if (!iptables.exists(FILTER, "FORWARD", rule)) {
                complete = false;
                break;
            }
        }
        if (complete) {
            return false;
        }
        for (List<String> rule : block) {
            iptables.deleteIfPresent(FILTER, "FORWARD", rule);
        }
        int position = 1;
        for (List<String> rule : block) {
            iptables.insert(FILTER, "FORWARD", position++, rule);
        }
        return true;
    }

    /** The FORWARD rules in the order they must appear at the top of the chain. */
    public List<List<String>> forwardBlock() {
        String weave = config.weaveBridge();
        List<List<String>> rules = new ArrayList<>();
        if (!config.dockerBridge().isEmpty() && !config.dockerBridge().equals(weave)) {
            rules.add(List.of("-i", config.dockerBridge(), "-o", weave, "-j", "DROP"));
        }
        rules.add(List.of("-i", weave, "-o", weave, "-j", "ACCEPT"));
        rules.add(List.of("-o", weave, "-j", EXPOSE_CHAIN));
        rules.add(List.of("-i", weave, "!", "-o", weave, "-j", "ACCEPT"));
        rules.add(List.of("-o", weave, "-m", "conntrack", "--ctstate", "RELATED,ESTABLISHED", "-j", "ACCEPT"));
        return rules;
    }

    /** INPUT rules: containers on the Docker bridge may use weaveDNS but not the router's ports. */
    public List<List<String>> inputRules() {
        List<List<String>> rules = new ArrayList<>();
        String docker = config.dockerBridge();
        String dockerIp = config.dockerBridgeIp();
        if (!docker.isEmpty() && dockerIp != null) {
            String mesh = Integer.toString(config.meshPort());
            String fast = Integer.toString(config.fastPathPort());
            rules.add(List.of("-i", docker, "-p", "tcp", "--dst", dockerIp, "--dport", mesh, "-j", "DROP"));
            rules.add(List.of("-i", docker, "-p", "udp", "--dst", dockerIp, "--dport", mesh, "-j", "DROP"));
            rules.add(List.of("-i", docker, "-p", "udp", "--dst", dockerIp, "--dport", fast, "-j", "DROP"));
        }
        if (!docker.isEmpty()) {
            rules.add(List.of("-i", docker, "-p", "udp", "--dport", "53", "-j", "ACCEPT"));
            rules.add(List.of("-i", docker, "-p", "tcp", "--dport", "53", "-j", "ACCEPT"));
        }
        if (config.controlPort() > 0) {
            rules.add(List.of("-p", "tcp", "--dst", "127.0.0.1", "--dport", Integer.toString(config.controlPort()),
                    "-m", "addrtype", "!", "--src-type", "LOCAL",
                    "-m", "conntrack", "!", "--ctstate", "RELATED,ESTABLISHED",
                    "-m", "comment", "--comment", "Block non-local access to Weave Net control port",
                    "-j", "DROP"));
        }
        return rules;
    }

    private static List<String> jumpToNatChain() {
        return List.of("-j", NAT_CHAIN);
    }
}
