package dev.weft.weaveutil.plumbing;

import java.util.List;

/** What {@code iptables-restore --noflush} reads to run commands on one table as one transaction. */
public final class IptablesRestoreInput {

    private IptablesRestoreInput() {
    }

    /** @param commands iptables command lines without the table, e.g. {@code -A INPUT -i ethwe -j DROP} */
    public static String of(String table, List<String> commands) {
        StringBuilder input = new StringBuilder("*").append(table).append('\n');
        commands.forEach(command -> input.append(command).append('\n'));
        return input.append("COMMIT\n").toString();
    }
}
