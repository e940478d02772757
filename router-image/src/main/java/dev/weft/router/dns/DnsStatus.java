package dev.weft.router.dns;

import dev.weft.router.api.StatusSection;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The {@code dns} part of {@code /status}, {@code /status/dns} and the report's {@code DNS} key. */
public final class DnsStatus implements StatusSection {
    private final DnsTable table;
    private final Upstreams upstreams;
    private final Supplier<InetSocketAddress> listenAddress;
    private final int ttl;

    public DnsStatus(DnsTable table, Upstreams upstreams, Supplier<InetSocketAddress> listenAddress, int ttl) {
        this.table = table;
        this.upstreams = upstreams;
        this.listenAddress = listenAddress;
        this.ttl = ttl;
    }

    @Override
    public String service() {
        return "dns";
    }

    @Override
    public List<StatusLine> summary() {
        List<String> servers = upstreamAddresses();
        return List.of(
                new StatusLine("Domain", table.domain().name()),
                new StatusLine("Upstream", servers.isEmpty() ? "none" : String.join(", ", servers)),
                new StatusLine("TTL", Integer.toString(ttl)),
                new StatusLine("Entries", Integer.toString(table.index().liveCount())));
    }

    @Override
    public String detail() {
        StringBuilder text = new StringBuilder();
        for (DnsRecord r : table.records()) {
            if (r.live()) {
                text.append(String.format("%-12s %-15s %12.12s %s\n",
                        table.domain().shorten(r.hostname()), r.address(), r.containerId(), r.origin()));
            }
        }
        return text.toString();
    }

    @Override
    public String reportKey() {
        return "DNS";
    }

    @Override
    public Object report() {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("Domain", table.domain().name());
        report.put("Upstream", upstreamAddresses());
        report.put("Address", listenAddress.get().getAddress().getHostAddress() + ":" + listenAddress.get().getPort());
        report.put("TTL", ttl);
        report.put("Entries", DnsEntries.of(table.records()));
        return report;
    }

    private List<String> upstreamAddresses() {
        List<String> servers = new ArrayList<>();
        for (InetSocketAddress server : upstreams.current()) {
            servers.add(server.getAddress().getHostAddress());
        }
        return servers;
    }
}
