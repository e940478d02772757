package dev.weft.router.daemon;

import java.util.Locale;
import java.util.Map;

/**
 * Configures slf4j-simple (one line per event on stderr, with time and level) before any logger exists.
 * Levels are the original's words: debug, info, warning, error.
 * <p>The provider is named rather than looked up, and an empty {@code simplelogger.properties} ships at the
 * top of router.jar: both look-ups otherwise search every one of the router's ~50 jars, opening each
 * (~50 ms of a start, which runs interpreted). The settings are system properties, which win over any file.
 */
final class LogSetup {

    /** The time at the start of every line (SimpleDateFormat: slf4j-simple's). */
    static final String DATE_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSSXXX";

    private static final Map<String, String> LEVELS = Map.of(
            "debug", "debug", "info", "info", "warning", "warn", "warn", "warn", "error", "error");

    private LogSetup() {}

    /** @throws IllegalArgumentException naming the bad level */
    static void configure(String level) {
        String simple = LEVELS.get(level.toLowerCase(Locale.ROOT));
        if (simple == null) {
            throw new IllegalArgumentException("--log-level " + level + ": expected debug, info, warning or error");
        }
        System.setProperty("slf4j.provider", "org.slf4j.simple.SimpleServiceProvider");
        System.setProperty("slf4j.internal.verbosity", "WARN");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", simple);
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", DATE_FORMAT);
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
        System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
        System.setProperty("org.slf4j.simpleLogger.levelInBrackets", "false");
        // docker-java and the HTTP client are chatty at debug; keep them at info unless asked for errors only
        if (simple.equals("debug")) {
            System.setProperty("org.slf4j.simpleLogger.log.com.github.dockerjava", "info");
            System.setProperty("org.slf4j.simpleLogger.log.org.apache.hc", "info");
        }
    }
}
