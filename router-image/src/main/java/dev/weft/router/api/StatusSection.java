package dev.weft.router.api;

import java.util.List;

/**
 * One service's part of {@code /status}, {@code /status/<sub>} and {@code /report}.
 *
 * <p>{@link #summary()} gives the label/value lines shown under {@code Service: <service()>} in the
 * plain status (labels right-aligned to a colon in column 16 by the daemon); {@link #detail()} is
 * the text of {@code /status/<service()>} (null when the service has no sub-command); {@link
 * #report()} is a Jackson-serialisable object put under {@link #reportKey()} in the JSON report.
 */
public interface StatusSection {
    String service();

    List<StatusLine> summary();

    default String detail() {
        return null;
    }

    String reportKey();

    Object report();

    record StatusLine(String label, String value) {}
}
