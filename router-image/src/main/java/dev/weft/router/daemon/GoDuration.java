package dev.weft.router.daemon;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses Go duration text such as {@code 5s}, {@code 500ms}, {@code 1m30s}, as the original's flags take. */
final class GoDuration {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

    private GoDuration() {}

    static Duration parse(String flag, String text) {
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = PART.matcher(text);
        int end = 0;
        double nanos = 0;
        while (m.find() && m.start() == end) {
            nanos += Double.parseDouble(m.group(1)) * unitNanos(m.group(2));
            end = m.end();
        }
        if (end == 0 || end != text.length()) {
            throw new IllegalArgumentException(flag + " " + text + ": invalid duration (e.g. 5s, 500ms, 1m30s)");
        }
        return Duration.ofNanos(Math.round(nanos));
    }

    private static double unitNanos(String unit) {
        return switch (unit) {
            case "ns" -> 1;
            case "us", "µs" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            default -> 3600e9;
        };
    }
}
