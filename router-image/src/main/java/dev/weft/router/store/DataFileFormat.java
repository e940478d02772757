package dev.weft.router.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * What a data file holds, told from its first bytes: an MVStore (weft's own format, a text header
 * {@code H:2,...}), a BoltDB file (Weave Net 2.x's {@code weavedata.db}: the magic {@code 0xED0CDAED}
 * after the 16-byte page header of either meta page), nothing at all, or something else.
 */
public enum DataFileFormat {
    ABSENT, EMPTY, MVSTORE, BOLTDB, UNKNOWN;

    static final int BOLT_MAGIC = 0xED0CDAED;
    private static final int BOLT_PAGE_HEADER = 16;
    private static final int[] BOLT_PAGE_SIZES = {4096, 8192, 16384, 65536};
    private static final int HEAD_BYTES = 65536 + BOLT_PAGE_HEADER + 4;

    /** Reads the start of the file; a missing file is {@link #ABSENT}. */
    public static DataFileFormat of(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HEAD_BYTES);
        } catch (NoSuchFileException e) {
            return ABSENT;
        }
        return classify(head);
    }

    /** The format of a file starting with {@code head}. */
    static DataFileFormat classify(byte[] head) {
        if (head.length == 0) {
            return EMPTY;
        }
        if (startsWith(head, "H:")) {
            return MVSTORE;
        }
        if (boltMagicAt(head, 0)) {
            return BOLTDB;
        }
        for (int pageSize : BOLT_PAGE_SIZES) {
            if (boltMagicAt(head, pageSize)) {
                return BOLTDB; // the first meta page is damaged, the second one is intact
            }
        }
        return UNKNOWN;
    }

    /** BoltDB writes its meta pages in the machine's byte order: little-endian on the platforms Weave Net ran on. */
    private static boolean boltMagicAt(byte[] head, int pageOffset) {
        int at = pageOffset + BOLT_PAGE_HEADER;
        if (head.length < at + 4) {
            return false;
        }
        return ByteBuffer.wrap(head, at, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() == BOLT_MAGIC
                || ByteBuffer.wrap(head, at, 4).order(ByteOrder.BIG_ENDIAN).getInt() == BOLT_MAGIC;
    }

    private static boolean startsWith(byte[] head, String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
        if (head.length < p.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if (head[i] != p[i]) {
                return false;
            }
        }
        return true;
    }
}
