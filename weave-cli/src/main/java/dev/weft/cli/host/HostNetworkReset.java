package dev.weft.cli.host;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes what the router left on the host (SPEC §2.4 step 3): the {@code weave} and {@code datapath}
 * devices, every {@code vethwe*} link, every iptables rule that mentions weave and the WEAVE chains,
 * and the {@code weaver-no-masq-local} ipset. Uses the host's {@code ip}, {@code iptables} and
 * {@code ipset} programs; what is already gone is skipped.
 */
public final class HostNetworkReset {
    private static final Pattern WEAVE_RULE = Pattern.compile("(?i)weave|--dport 678[34]\\b");
    private static final List<String> TABLES = List.of("filter", "nat", "mangle");

    private final Host host;
    private final String dockerBridge;

    /** @param dockerBridge the Docker bridge the router let reach weaveDNS (DOCKER_BRIDGE, docker0) */
    public HostNetworkReset(Host host, String dockerBridge) {
        this.host = host;
        this.dockerBridge = dockerBridge;
    }

    public void run() {
        for (String link : linksToDelete(host.output(List.of("ip", "-o", "link", "show")))) {
            host.output(List.of("ip", "link", "delete", link));
        }
        for (String table : TABLES) {
            for (List<String> command : iptablesCleanup(table, host.output(List.of("iptables", "-t", table, "-S")),
                    dockerBridge)) {
                host.output(command);
            }
        }
        host.output(List.of("ipset", "destroy", "weaver-no-masq-local"));
    }

    /** Link names from {@code ip -o link show}: weave, datapath and anything containing vethwe. */
    static List<String> linksToDelete(String ipLinkOutput) {
        List<String> links = new ArrayList<>();
        for (String line : ipLinkOutput.split("\n")) {
            String[] fields = line.split(":\\s+", 3);
            if (fields.length < 2) {
                continue;
            }
            String name = fields[1].split("@")[0];
            if (name.equals("weave") || name.equals("datapath") || name.contains("vethwe")) {
                links.add(name);
            }
        }
        return links;
    }

    /**
     * The commands that undo weave's part of one table, from its {@code iptables -S} listing: delete each
     * rule mentioning weave and the two that let the Docker bridge reach weaveDNS, then flush and delete
     * each chain whose name starts with WEAVE.
     */
    static List<List<String>> iptablesCleanup(String table, String listing, String dockerBridge) {
        List<List<String>> commands = new ArrayList<>();
        List<String> chains = new ArrayList<>();
        Pattern dnsRule = Pattern.compile("-A INPUT -i " + Pattern.quote(dockerBridge)
                + " -p (udp|tcp) -m \\1 --dport 53 -j ACCEPT");
        for (String line : listing.split("\n")) {
            if (line.startsWith("-N WEAVE")) {
                chains.add(line.substring(3).strip());
            } else if (line.startsWith("-A ") && (WEAVE_RULE.matcher(line).find() || dnsRule.matcher(line).matches())
                    && !chains.contains(line.split(" ")[1])) {
                commands.add(List.of("sh", "-c", "iptables -t " + table + " -D " + line.substring(3)));
            }
        }
        for (String chain : chains) {
            commands.add(List.of("iptables", "-t", table, "-F", chain));
        }
        for (String chain : chains) {
            commands.add(List.of("iptables", "-t", table, "-X", chain));
        }
        return commands;
    }
}
