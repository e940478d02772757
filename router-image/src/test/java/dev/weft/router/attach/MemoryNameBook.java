package dev.weft.router.attach;

import dev.weft.weaveutil.addr.Ipv4;
import java.util.ArrayList;
import java.util.List;

/** Records DNS entries as {@code owner ip fqdn} lines. */
final class MemoryNameBook implements NameBook {
    final List<String> entries = new ArrayList<>();

    @Override
    public synchronized void add(String ownerId, Ipv4 ip, String fqdn) {
        entries.add(ownerId + " " + ip + " " + fqdn);
    }

    @Override
    public synchronized void remove(String ownerId, Ipv4 ip, String fqdn) {
        entries.removeIf(e -> e.startsWith(ownerId + " " + ip + " ") && (fqdn == null || e.endsWith(" " + fqdn)));
    }

    @Override
    public String domain() {
        return "weave.local.";
    }
}
