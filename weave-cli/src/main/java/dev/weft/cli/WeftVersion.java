package dev.weft.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version this CLI was built as, filled in by the build. */
public final class WeftVersion {
    public static final String VERSION = load();

    private WeftVersion() {
    }

    private static String load() {
        try (InputStream in = WeftVersion.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
