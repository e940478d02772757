package dev.weft.router.iptables;

import java.util.ArrayList;
import java.util.List;

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
     */
    public void setUp() {
        iptables.ensureEmptyChain(FILTER, EXPOSE_CHAIN);
        iptables.ensureEmptyChain(NAT, NAT_CHAIN);
        ensureForwardBlock();
        for (List<String> rule : inputRules()) {
            iptables.ensureAppended(FILTER, "INPUT", rule);
        }
        iptables.ensureAppended(NAT, "POSTROUTING", jumpToNatChain());
        for (String table : CANARY_TABLES) {
            iptables.ensureChain(table, CANARY_CHAIN);
        }
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
