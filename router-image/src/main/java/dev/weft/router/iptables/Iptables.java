package dev.weft.router.iptables;

import java.util.List;
import java.util.Set;

/**
 * The few iptables operations the router needs, on one table and chain at a time. A rule is its
 * specification as iptables arguments, e.g. {@code ["-o", "weave", "-j", "WEAVE-EXPOSE"]}.
 * Failures throw {@link IptablesException} naming the command.
 */
public interface Iptables {

    /** {@code iptables -t <table> -S <chain>} succeeds. */
    boolean chainExists(String table, String chain);

    /** {@code iptables -t <table> -N <chain>}; the chain must not exist. */
    void newChain(String table, String chain);

    /** {@code iptables -t <table> -F <chain>}. */
    void flushChain(String table, String chain);

    /** {@code iptables -t <table> -X <chain>}; the chain must be empty and unreferenced. */
    void deleteChain(String table, String chain);

    /** {@code iptables -t <table> -C <chain> <rule>}. */
    boolean exists(String table, String chain, List<String> rule);

    /** {@code iptables -t <table> -A <chain> <rule>}. */
    void append(String table, String chain, List<String> rule);

    /** {@code iptables -t <table> -I <chain> <position> <rule>}, positions counting from 1. */
    void insert(String table, String chain, int position, List<String> rule);

    /** {@code iptables -t <table> -D <chain> <rule>}: deletes the first matching rule. */
    void delete(String table, String chain, List<String> rule);

    /** Creates the chain, or empties it when it exists. */
    default void ensureEmptyChain(String table, String chain) {
        if (chainExists(table, chain)) {
            flushChain(table, chain);
        } else {
            newChain(table, chain);
        }
    }

    default void ensureChain(String table, String chain) {
        if (!chainExists(table, chain)) {
            newChain(table, chain);
        }
    }

    /** Appends the rule unless an identical one is present. */
    default void ensureAppended(String table, String chain, List<String> rule) {
        if (!exists(table, chain, rule)) {
            append(table, chain, rule);
        }
    }

    /** {@code iptables -t <table> -S}: the table's chains and rules, as iptables prints them. */
    TableListing list(String table);

    /**
     * Runs iptables commands on one table in one transaction ({@code iptables-restore --noflush}): all of
     * them or, when one fails, none. A command is an iptables command line without the table, e.g.
     * {@code ["-I", "FORWARD", "1", "-o", "weave", "-j", "ACCEPT"]}; nothing is done for an empty list.
     */
    void apply(String table, List<List<String>> commands);

    /** The chains every table that has them always holds: no need to ask whether they exist. */
    Set<String> BUILT_IN_CHAINS = Set.of("INPUT", "OUTPUT", "FORWARD", "PREROUTING", "POSTROUTING");

    /** Deletes every copy of the rule; absent rules and chains are fine. */
    default void deleteIfPresent(String table, String chain, List<String> rule) {
        if (!BUILT_IN_CHAINS.contains(chain) && !chainExists(table, chain)) {
            return;
        }
        while (exists(table, chain, rule)) {
            delete(table, chain, rule);
        }
    }

    /** Flushes and removes the chain if it exists. Rules jumping to it must be gone first. */
    default void removeChain(String table, String chain) {
        if (chainExists(table, chain)) {
            flushChain(table, chain);
            deleteChain(table, chain);
        }
    }
}
