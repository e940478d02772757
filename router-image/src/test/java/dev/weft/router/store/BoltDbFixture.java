package dev.weft.router.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes an empty BoltDB file as bolt's {@code DB.init} lays it out (the format of Weave Net 2.x's
 * {@code weavedata.db}): two meta pages, a freelist page and an empty leaf page for the root bucket,
 * little-endian. A meta page is a 16-byte page header (id u64, flags u16, count u16, overflow u32)
 * followed by magic, version, page size, flags, root bucket (root page u64, sequence u64), freelist
 * page, high-water page, transaction id and an FNV-1a 64 checksum of the fields before it.
 */
public final class BoltDbFixture {
    static final int PAGE_SIZE = 4096;
    private static final short META_PAGE = 0x04;
    private static final short LEAF_PAGE = 0x02;
    private static final short FREELIST_PAGE = 0x10;

    private BoltDbFixture() {}

    public static byte[] emptyDatabase() {
        ByteBuffer file = ByteBuffer.allocate(4 * PAGE_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 2; i++) {
            int page = i * PAGE_SIZE;
            pageHeader(file, page, i, META_PAGE);
            int meta = page + 16;
            file.position(meta);
            file.putInt(0xED0CDAED).putInt(2).putInt(PAGE_SIZE).putInt(0);
            file.putLong(3).putLong(0); // root bucket: page 3, sequence 0
            file.putLong(2);            // freelist page
            file.putLong(4);            // high-water mark: pages in use
            file.putLong(i);            // transaction id
            file.putLong(fnv1a64(file.array(), meta, file.position() - meta));
        }
        pageHeader(file, 2 * PAGE_SIZE, 2, FREELIST_PAGE);
        pageHeader(file, 3 * PAGE_SIZE, 3, LEAF_PAGE);
        return file.array();
    }

    public static void write(Path path) throws IOException {
        Files.write(path, emptyDatabase());
    }

    private static void pageHeader(ByteBuffer file, int at, long id, short flags) {
        file.position(at);
        file.putLong(id).putShort(flags).putShort((short) 0).putInt(0);
    }

    private static long fnv1a64(byte[] data, int from, int length) {
        long hash = 0xcbf29ce484222325L;
        for (int i = from; i < from + length; i++) {
            hash ^= data[i] & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
