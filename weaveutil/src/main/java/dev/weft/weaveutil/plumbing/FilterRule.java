package dev.weft.weaveutil.plumbing;

import dev.weft.weaveutil.addr.Cidr;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A rule of the container's multicast filter as its option-value pairs, so that a rule compares equal
 * whatever order {@code iptables -S} prints its options in.
 */
record FilterRule(Map<String, String> options) {
    static final String MULTICAST = "224.0.0.0/4";
    private static final Set<String> FILTER_OPTIONS = Set.of("-i", "-s", "-d", "-j");

    static FilterRule allow(String ifName, Cidr subnet) {
        return of("-i", ifName, "-s", subnet.network().toString(), "-d", MULTICAST, "-j", "ACCEPT");
    }

    static FilterRule drop(String ifName) {
        return of("-i", ifName, "-d", MULTICAST, "-j", "DROP");
    }

    private static FilterRule of(String... pairs) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            options.put(pairs[i], pairs[i + 1]);
        }
        return new FilterRule(options);
    }

    /** A {@code -A CHAIN ...} line of {@code iptables -S} made only of option-value pairs; empty for any other line. */
    static Optional<FilterRule> parse(String chain, String line) {
        String[] words = line.strip().split("\\s+");
        if (words.length < 2 || !words[0].equals("-A") || !words[1].equals(chain) || words.length % 2 != 0) {
            return Optional.empty();
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 2; i < words.length; i += 2) {
            if (!words[i].startsWith("-") || words[i + 1].startsWith("-") || options.containsKey(words[i])) {
                return Optional.empty();
            }
            options.put(words[i], words[i + 1]);
        }
        return Optional.of(new FilterRule(options));
    }

    /** The rule as {@code iptables} arguments after the chain. */
    String spec() {
        return options.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(" "));
    }

    /** An ACCEPT or the DROP rule of the multicast filter on {@code ifName}. */
    boolean isMulticastFilterOf(String ifName) {
        String target = options.get("-j");
        return FILTER_OPTIONS.containsAll(options.keySet()) && ifName.equals(options.get("-i"))
                && MULTICAST.equals(options.get("-d"))
                && ("ACCEPT".equals(target) == options.containsKey("-s"))
                && ("ACCEPT".equals(target) || "DROP".equals(target));
    }
}
