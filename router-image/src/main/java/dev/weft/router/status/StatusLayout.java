package dev.weft.router.status;

import dev.weft.router.api.StatusSection;
import java.util.List;

/** Formats label/value lines the way {@code weave status} shows them: labels right-aligned to a colon in column 16. */
public final class StatusLayout {

    private StatusLayout() {}

    public static String line(String label, String value) {
        return String.format("%15s: %s", label, value) + "\n";
    }

    /** A service block: its {@code Service:} line, then its summary lines. */
    public static String section(StatusSection section) {
        StringBuilder text = new StringBuilder(line("Service", section.service()));
        List<StatusSection.StatusLine> lines = section.summary();
        for (StatusSection.StatusLine l : lines) {
            text.append(line(l.label(), l.value()));
        }
        return text.toString();
    }
}
