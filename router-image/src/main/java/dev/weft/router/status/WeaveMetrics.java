package dev.weft.router.status;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.router.api.BackgroundFailures;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code weave_*} Prometheus families, read through callbacks from the same tree {@code /report}
 * shows, so metrics and report always agree. Families of a disabled component have no samples.
 * weft adds {@code weft_background_failures_total} by kind.
 */
public final class WeaveMetrics {

    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;
    static final List<String> CONNECTION_STATES = List.of("established", "pending", "retrying", "failed", "connecting");

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private JsonNode report = MissingNode.getInstance();

    public WeaveMetrics() {
        this(new BackgroundFailures());
    }

    /** Also counts {@code failures} as {@code weft_background_failures_total{kind=...}}. */
    public WeaveMetrics(BackgroundFailures failures) {
        CounterWithCallback.builder().name("weft_background_failures")
                .help("Failures of background work (DNS purge, container death handling, link deletion, iptables "
                        + "watchdog, DNS sockets, Docker event stream), by kind.")
                .labelNames("kind")
                .callback(cb -> failures.counts().forEach((kind, n) -> cb.call(n, kind))).register(registry);
        GaugeWithCallback.builder().name("weave_connections").help("Number of peer-to-peer connections.")
                .labelNames("state", "type", "encryption").callback(cb -> connections().forEach((key, n) ->
                        cb.call(n, key.split("\u0000", -1)))).register(registry);
        CounterWithCallback.builder().name("weave_connection_terminations")
                .help("Number of peer-to-peer connections terminated.")
                .callback(cb -> cb.call(path("Router", "TerminationCount").asDouble(0))).register(registry);
        GaugeWithCallback.builder().name("weave_ips").help("Number of IP addresses.").labelNames("state")
                .callback(cb -> ifPresent(path("IPAM", "ActiveIPs"), v -> cb.call(v, "local-used"))).register(registry);
        gauge("weave_max_ips", "Size of IP address space used by allocator.", () -> path("IPAM", "RangeNumIPs"));
        gauge("weave_dns_entries", "Number of DNS entries.", this::localDnsEntries);
        gauge("weave_ipam_unreachable_count", "Number of unreachable peers.", () -> unreachable(false));
        gauge("weave_ipam_unreachable_percentage", "Percentage of IP addresses owned by unreachable peers.",
                () -> unreachable(true));
        gauge("weave_ipam_pending_allocates", "Number of pending allocates.", () -> count("IPAM", "PendingAllocates"));
        gauge("weave_ipam_pending_claims", "Number of pending claims.", () -> count("IPAM", "PendingClaims"));
    }

    /** Renders all families from this report tree in the Prometheus text format. */
    public synchronized String scrape(JsonNode reportTree) {
        this.report = reportTree;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new IllegalStateException("cannot write metrics: " + e.getMessage(), e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private interface Reading {
        JsonNode read();
    }

    private void gauge(String name, String help, Reading reading) {
        GaugeWithCallback.builder().name(name).help(help)
                .callback(cb -> ifPresent(reading.read(), cb::call)).register(registry);
    }

    private interface Sink {
        void accept(double value);
    }

    private static void ifPresent(JsonNode value, Sink sink) {
        if (value != null && value.isNumber()) {
            sink.accept(value.doubleValue());
        }
    }

    private JsonNode path(String section, String field) {
        return report.path(section).path(field);
    }

    private JsonNode count(String section, String field) {
        JsonNode list = path(section, field);
        if (report.path(section).isMissingNode()) {
            return MissingNode.getInstance();
        }
        return IntNode.valueOf(list.isArray() ? list.size() : 0);
    }

    /** Counts by "state\0type\0encryption", with every state present so dashboards see zeros. */
    private Map<String, Integer> connections() {
        Map<String, Integer> counts = new TreeMap<>();
        for (String state : CONNECTION_STATES) {
            counts.put(state + "\u0000\u0000", 0);
        }
        for (JsonNode c : report.path("Router").path("Connections")) {
            String type = c.path("Attrs").path("name").asText("");
            String encryption = c.path("Attrs").path("encrypted").asBoolean(false) ? "yes" : "";
            counts.merge(c.path("State").asText("") + "\u0000" + type + "\u0000" + encryption, 1, Integer::sum);
        }
        return counts;
    }

    private JsonNode localDnsEntries() {
        JsonNode dns = report.path("DNS");
        if (dns.isMissingNode()) {
            return dns;
        }
        String self = report.path("Router").path("Name").asText("");
        int live = 0;
        for (JsonNode e : dns.path("Entries")) {
            boolean tombstoned = e.path("Tombstone").asLong(0) != 0;
            if (!tombstoned && (self.isEmpty() || self.equals(e.path("Origin").asText(self)))) {
                live++;
            }
        }
        return IntNode.valueOf(live);
    }

    private JsonNode unreachable(boolean asPercentage) {
        JsonNode ipam = report.path("IPAM");
        if (ipam.isMissingNode()) {
            return ipam;
        }
        Set<String> peers = new HashSet<>();
        double size = 0;
        for (JsonNode entry : ipam.path("Entries")) {
            if (!entry.path("IsKnownPeer").asBoolean(true)) {
                peers.add(entry.path("Peer").asText(""));
                size += entry.path("Size").asDouble(0);
            }
        }
        double total = ipam.path("RangeNumIPs").asDouble(0);
        double value = asPercentage ? (total > 0 ? 100 * size / total : 0) : peers.size();
        return DoubleNode.valueOf(value);
    }
}
