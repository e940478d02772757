package dev.weft.cli.service;

import dev.weft.cli.WeaveException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code weave launch --password-file FILE}: the password is the file's first line (without its
 * line end), so it shows in neither {@code ps} output nor shell history. Files over 4 KiB are refused.
 */
public final class PasswordFile {
    static final int MAX_BYTES = 4096;

    private PasswordFile() {
    }

    public static String read(Path file) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw WeaveException.error("--password-file " + file + ": cannot read it (" + describe(e) + ")");
        }
        if (bytes.length > MAX_BYTES) {
            throw WeaveException.error("--password-file " + file + ": over " + MAX_BYTES
                    + " bytes; it should hold only the password");
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        int end = text.indexOf('\n');
        String line = end < 0 ? text : text.substring(0, end);
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        if (line.isEmpty()) {
            throw WeaveException.error("--password-file " + file + ": the first line is empty; it should hold the"
                    + " password");
        }
        return line;
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
