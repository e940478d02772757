package dev.weft.router.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.router.api.StatusSection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects the services' status sections and composes {@code /status} and the {@code /report} tree from them. */
public final class StatusBoard {

    static final String VERSION_CHECK = "version check update disabled";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String version;
    private final Readiness readiness;
    private final RouterStatusSection router;
    private final List<StatusSection> others = new CopyOnWriteArrayList<>();

    public StatusBoard(String version, Readiness readiness, RouterStatusSection router) {
        this.version = version;
        this.readiness = readiness;
        this.router = router;
    }

    public void add(StatusSection section) {
        others.add(section);
    }

    public Readiness readiness() {
        return readiness;
    }

    public RouterStatusSection router() {
        return router;
    }

    /** Router first, then ipam, dns, proxy, plugin, then anything else. */
    public List<StatusSection> sections() {
        List<StatusSection> all = new ArrayList<>();
        all.add(router);
        List<StatusSection> rest = new ArrayList<>(others);
        rest.sort(new SectionOrder());
        all.addAll(rest);
        return all;
    }

    public Optional<StatusSection> section(String service) {
        return sections().stream().filter(s -> s.service().equals(service)).findFirst();
    }

    /** The plain {@code /status} text. */
    public String statusText() {
        StringBuilder text = new StringBuilder(StatusLayout.line("Version", version + " (" + VERSION_CHECK + ")"));
        for (StatusSection section : sections()) {
            text.append('\n').append(StatusLayout.section(section));
        }
        return text.toString();
    }

    /** The {@code /report} tree: Ready, Version, VersionCheck, then each section under its report key. */
    public ObjectNode report() {
        ObjectNode report = MAPPER.createObjectNode();
        report.put("Ready", readiness.isReady());
        report.put("Version", version);
        ObjectNode check = report.putObject("VersionCheck");
        check.put("Enabled", false);
        check.put("Success", false);
        check.put("NewVersion", "");
        check.put("NextCheckAt", "0001-01-01T00:00:00Z");
        for (StatusSection section : sections()) {
            report.set(section.reportKey(), MAPPER.valueToTree(section.report()));
        }
        return report;
    }
}
